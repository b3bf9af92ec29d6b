/**
 * The one message protocol between the extension host and the traffic panel's webview. Both sides import
 * these types, and both check every received message with the guards below, because a webview message is
 * untyped JSON at run time (and the page renders cluster-derived strings we do not control).
 */

import type { WorkloadRef } from '../core/workloadKinds';

/** A workload as both sides name it (owned by the core's workload table). */
export type { WorkloadRef };

export interface PanelNode extends WorkloadRef {
  /** Stable key, as the metrics core makes it: `namespace/kind/name`. */
  readonly id: string;
  readonly meshedPods: number;
  readonly totalPods: number;
  /** False for unmeshed callers and destinations, which only appear through meshed peers' metrics. */
  readonly meshed: boolean;
  /** Stands for many clients without a proxy, which Linkerd cannot tell apart: there is no manifest to open. */
  readonly aggregate?: boolean;
  /** Meshed pods of this workload whose proxy could not be read this time: their traffic is missing. */
  readonly unreadPods?: number;
}

/** Milliseconds; a quantile is null when its histogram had no observations. */
export interface Latency {
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
}

export interface PanelEdge {
  /** Stable key of the source and destination pair. */
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly requestsPerSecond: number;
  /** 0..1; null when there were no requests in the window (an edge may be open connections only). */
  readonly successRate: number | null;
  /** Milliseconds; null when there were no responses. */
  readonly latencyMs: Latency | null;
  readonly openConnections: number;
  /** Empty when mutual TLS secures the edge; otherwise the proxy's no-TLS reason. */
  readonly noTlsReason: string;
  readonly clientIdentity?: string;
  readonly serverIdentity?: string;
  /** Requests per second the destination's proxies allowed and denied of this caller's; absent when they counted none. */
  readonly allowedRps?: number;
  readonly deniedRps?: number;
  /** Connections per second they allowed and denied, at ports where Linkerd authorizes connections (opaque, TCP); absent when none. */
  readonly allowedCps?: number;
  readonly deniedCps?: number;
}

/** A Server, route or authorization as the proxy labels it (`srv_kind`/`srv_name`, …): kind `default` for a default policy. */
export interface PolicyName {
  readonly kind: string;
  readonly name: string;
}

/**
 * Why the proxy refused requests or connections, in Linkerd's terms: a Server's authorizations admitted no client
 * (`unauthorized`), no route of the Server matched (`routeNotFound`), the default policy admits no one or
 * not this client (`defaultDeny`), or a policy change stopped admitting connections that were open (`terminated`).
 */
export const REFUSALS = ['unauthorized', 'routeNotFound', 'defaultDeny', 'terminated'] as const;
export type Refusal = (typeof REFUSALS)[number];

/**
 * What an authorization row counts: HTTP requests (`http`), or TCP connections (`tcp`), which Linkerd authorizes
 * once per connection at opaque and TLS ports and for traffic that is not HTTP.
 */
export const AUTHZ_PROTOCOLS = ['http', 'tcp'] as const;
export type AuthzProtocol = (typeof AUTHZ_PROTOCOLS)[number];

/** One row of what a workload's proxies allowed or denied, per Server, route, authorization and client. */
export interface AuthzEntry {
  /** The destination workload's node id. */
  readonly destination: string;
  /** The unit of the row's numbers: requests (http) or connections (tcp) per second. */
  readonly protocol: AuthzProtocol;
  readonly server: PolicyName;
  readonly port: number | null;
  /** Null for requests no route matched, and for TCP connections. */
  readonly route: PolicyName | null;
  /** What admitted the requests; null for a row of refusals. */
  readonly authorization: PolicyName | null;
  /** The client's mesh identity; null for clients without one. */
  readonly client: string | null;
  /** Per second, of requests or of connections as `protocol` says. */
  readonly allowedRps: number;
  readonly deniedRps: number;
  /** Set on a row of refusals. */
  readonly refusal?: Refusal;
}

/** One route's traffic as a workload's proxies reported it (core/metrics/model.ts RouteRow). */
export interface TrafficRoute {
  /** The node id of the reporting workload: the caller (outbound) or the server (inbound). */
  readonly workload: string;
  readonly direction: 'inbound' | 'outbound';
  /** As `meshaware stat --routes` prints them: `service/web-svc:80`, `httproute/web-vote`, `[default]`. */
  readonly parent: string;
  readonly route: string;
  readonly requestsPerSecond: number;
  readonly successRate: number | null;
  readonly latencyMs: Latency;
}

/** Where traffic numbers come from; the run-time guard and the settings derive from this one list. */
export const TRAFFIC_SOURCES = ['prometheus', 'proxies'] as const;
export type TrafficSourceKind = (typeof TRAFFIC_SOURCES)[number];

/** Proxies that could not be read: the numbers shown are incomplete, and this says why and what to do. */
export interface TrafficGaps {
  readonly summary: string;
  readonly hint: string;
  /** Up to a hundred of them, for the details. */
  readonly pods: readonly { readonly namespace: string; readonly name: string; readonly reason: string }[];
}

export interface TrafficSnapshot {
  readonly context: string;
  readonly source: TrafficSourceKind;
  /** Where the numbers came from, in words (which Prometheus, or how many proxies). */
  readonly origin: string;
  readonly gaps?: TrafficGaps;
  /** Epoch milliseconds of the measurement. */
  readonly updatedAt: number;
  /** Namespaces of Linkerd's control plane and its extensions: the view folds them until asked. */
  readonly systemNamespaces?: readonly string[];
  readonly nodes: readonly PanelNode[];
  readonly edges: readonly PanelEdge[];
  /** Per-route traffic, when the proxies report route metrics. */
  readonly routes?: readonly TrafficRoute[];
  /** What the proxies allowed and denied, per workload, Server, route, authorization and client. */
  readonly authorizations?: readonly AuthzEntry[];
}

/** The numbers of each edge in a `numbers` message, in this order; NaN stands for null. */
export const EDGE_NUMBERS = ['requestsPerSecond', 'successRate', 'p50', 'p95', 'p99', 'openConnections'] as const;

/** The authorization numbers of each edge (NaN for an edge without) and of each authorization row, in this order. */
export const AUTHZ_NUMBERS = ['allowedRps', 'deniedRps'] as const;

/**
 * A poll that found the same workloads and edges as the snapshot the page has (`base`, its updatedAt): only
 * what changes between polls, the edges' numbers as one typed array in the snapshot's edge order, so a big
 * mesh's update is a small message instead of a copy of the whole snapshot.
 */
export interface TrafficNumbers {
  readonly base: number;
  readonly updatedAt: number;
  readonly origin: string;
  readonly gaps?: TrafficGaps;
  /** EDGE_NUMBERS.length numbers per edge. */
  readonly edges: Float64Array;
  /** The routes, whole: few, and they come and go with the routes applied. */
  readonly routes?: readonly TrafficRoute[];
  /** AUTHZ_NUMBERS.length numbers per edge, when any edge has them: a mesh without policy metrics sends none. */
  readonly edgeAuthz?: Float64Array;
  /** The same for connections (allowedCps, deniedCps), when any edge has them. */
  readonly edgeConnAuthz?: Float64Array;
  /** AUTHZ_NUMBERS.length numbers per row of the snapshot's authorizations, when it has them. */
  readonly authorizations?: Float64Array;
}

/** What stops the panel from showing traffic; each kind has its own call to action in the page. */
export const PROBLEM_KINDS = ['noContext', 'noLinkerd', 'prometheusUnreachable', 'proxiesUnreadable', 'tooManyProxies', 'forbidden', 'unreachable', 'restricted', 'error'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export interface PanelProblem {
  readonly kind: ProblemKind;
  readonly message: string;
  /** What to do next, as a sentence. */
  readonly hint: string;
}

export interface PanelSettings {
  readonly intervalSeconds: number;
  /** Success rate (0..1) below which an edge or node is drawn as a warning, and as failing. */
  readonly warnBelow: number;
  readonly failBelow: number;
}

/**
 * The last 15 minutes of numbers per edge and per workload (src/core/traffic/history.ts), as one message: sent
 * before a whole snapshot; the page then adds each poll it receives itself, exactly as the host does.
 */
export interface HistoryState {
  readonly context: string;
  readonly intervalSeconds: number;
  /** Epoch milliseconds of each kept frame, oldest first. */
  readonly times: Float64Array;
  /** `e\n<edge id>` or `n\n<node id>`. */
  readonly keys: readonly string[];
  /** HISTORY_FIELDS.length numbers per key and frame (key-major, then frame, then field); NaN where absent. */
  readonly values: Float32Array;
}

/** The numbers a history keeps of each edge and workload, in this order. */
export const HISTORY_FIELDS = ['rps', 'success', 'p99'] as const;
export type HistoryField = (typeof HISTORY_FIELDS)[number];

export type HostToWebview =
  | { readonly type: 'snapshot'; readonly snapshot: TrafficSnapshot }
  | { readonly type: 'history'; readonly history: HistoryState }
  | { readonly type: 'numbers'; readonly numbers: TrafficNumbers }
  | { readonly type: 'problem'; readonly problem: PanelProblem }
  | { readonly type: 'loading'; readonly context: string }
  | { readonly type: 'settings'; readonly settings: PanelSettings }
  | { readonly type: 'paused'; readonly paused: boolean }
  /** What became of the last button pressed in the page, when it could not do its work (undefined clears it). */
  | { readonly type: 'notice'; readonly notice?: string };

/** A Server, route or authorization named by the proxy, in the namespace of the workload it served. */
export interface PolicyTarget extends PolicyName {
  readonly namespace: string;
  /** The workload it served: where a default policy's annotation may be set. */
  readonly workload: WorkloadRef;
}

/** Buttons in empty and error states: each runs one VS Code command on the host. */
export const PANEL_COMMANDS = ['selectContext', 'installLinkerd', 'openSettings', 'showLog', 'manageTrust'] as const;
export type PanelCommand = (typeof PANEL_COMMANDS)[number];

export type WebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' }
  /** The page got numbers for a snapshot it does not have (it was rebuilt meanwhile): send the whole snapshot. */
  | { readonly type: 'resync' }
  | { readonly type: 'setPaused'; readonly paused: boolean }
  | { readonly type: 'openManifest'; readonly workload: WorkloadRef }
  | { readonly type: 'addToMesh'; readonly workload: WorkloadRef }
  /** Open policy: the object's YAML in the workspace, or for a default policy where it is set. */
  | { readonly type: 'openPolicy'; readonly policy: PolicyTarget }
  | { readonly type: 'command'; readonly command: PanelCommand };


type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isOptStr = (v: unknown) => v === undefined || isStr(v);
const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T => (list as readonly unknown[]).includes(v);

export function isWorkloadRef(v: unknown): v is WorkloadRef {
  return isRec(v) && isStr(v.kind) && isStr(v.name) && isStr(v.namespace);
}

function isNode(v: unknown): v is PanelNode {
  return (
    isRec(v) &&
    isWorkloadRef(v) &&
    isStr(v.id) &&
    isNum(v.meshedPods) &&
    isNum(v.totalPods) &&
    typeof v.meshed === 'boolean' &&
    (v.aggregate === undefined || typeof v.aggregate === 'boolean') &&
    (v.unreadPods === undefined || isNum(v.unreadPods))
  );
}

function isGaps(v: unknown): v is TrafficGaps {
  return isRec(v) && isStr(v.summary) && isStr(v.hint) && Array.isArray(v.pods) && v.pods.every((p) => isRec(p) && isStr(p.namespace) && isStr(p.name) && isStr(p.reason));
}

function isLatency(v: unknown): v is Latency {
  const q = (x: unknown) => x === null || isNum(x);
  return isRec(v) && q(v.p50) && q(v.p95) && q(v.p99);
}

const isOptNum = (v: unknown) => v === undefined || isNum(v);
const isPolicyName = (v: unknown): v is PolicyName => isRec(v) && isStr(v.kind) && isStr(v.name);
const REFUSAL_SET: ReadonlySet<unknown> = new Set(REFUSALS);

function isAuthzEntry(v: unknown): v is AuthzEntry {
  return (
    isRec(v) &&
    isStr(v.destination) &&
    isOneOf(AUTHZ_PROTOCOLS, v.protocol) &&
    isPolicyName(v.server) &&
    (v.port === null || isNum(v.port)) &&
    (v.route === null || isPolicyName(v.route)) &&
    (v.authorization === null || isPolicyName(v.authorization)) &&
    (v.client === null || isStr(v.client)) &&
    isNum(v.allowedRps) &&
    isNum(v.deniedRps) &&
    (v.refusal === undefined || REFUSAL_SET.has(v.refusal))
  );
}

function isPolicyTarget(v: unknown): v is PolicyTarget {
  return isPolicyName(v) && isRec(v) && isStr(v.namespace) && isWorkloadRef(v.workload);
}

function isEdge(v: unknown): v is PanelEdge {
  return (
    isRec(v) &&
    isStr(v.id) &&
    isStr(v.source) &&
    isStr(v.target) &&
    isNum(v.requestsPerSecond) &&
    (v.successRate === null || isNum(v.successRate)) &&
    (v.latencyMs === null || isLatency(v.latencyMs)) &&
    isNum(v.openConnections) &&
    isStr(v.noTlsReason) &&
    isOptStr(v.clientIdentity) &&
    isOptStr(v.serverIdentity) &&
    isOptNum(v.allowedRps) &&
    isOptNum(v.deniedRps) &&
    isOptNum(v.allowedCps) &&
    isOptNum(v.deniedCps)
  );
}

function isRoute(v: unknown): v is TrafficRoute {
  return isRec(v) && isStr(v.workload) && (v.direction === 'inbound' || v.direction === 'outbound') && isStr(v.parent) && isStr(v.route) && isNum(v.requestsPerSecond) && (v.successRate === null || isNum(v.successRate)) && isLatency(v.latencyMs);
}

const isRoutes = (v: unknown) => v === undefined || (Array.isArray(v) && v.every(isRoute));

export function isSnapshot(v: unknown): v is TrafficSnapshot {
  return (
    isRec(v) &&
    isStr(v.context) &&
    isOneOf(TRAFFIC_SOURCES, v.source) &&
    isStr(v.origin) &&
    (v.gaps === undefined || isGaps(v.gaps)) &&
    isNum(v.updatedAt) &&
    (v.systemNamespaces === undefined || (Array.isArray(v.systemNamespaces) && v.systemNamespaces.every(isStr))) &&
    Array.isArray(v.nodes) &&
    v.nodes.every(isNode) &&
    Array.isArray(v.edges) &&
    v.edges.every(isEdge) &&
    isRoutes(v.routes) &&
    (v.authorizations === undefined || (Array.isArray(v.authorizations) && v.authorizations.every(isAuthzEntry)))
  );
}

function isNumbers(v: unknown): v is TrafficNumbers {
  return isRec(v) && isNum(v.base) && isNum(v.updatedAt) && isStr(v.origin) && (v.gaps === undefined || isGaps(v.gaps)) && v.edges instanceof Float64Array && v.edges.length % EDGE_NUMBERS.length === 0 && isRoutes(v.routes) &&
    [v.edgeAuthz, v.edgeConnAuthz, v.authorizations].every((a) => a === undefined || (a instanceof Float64Array && a.length % AUTHZ_NUMBERS.length === 0));
}

function isHistory(v: unknown): v is HistoryState {
  return (
    isRec(v) &&
    isStr(v.context) &&
    isNum(v.intervalSeconds) &&
    v.times instanceof Float64Array &&
    Array.isArray(v.keys) &&
    v.keys.every(isStr) &&
    v.values instanceof Float32Array &&
    v.values.length === v.keys.length * v.times.length * HISTORY_FIELDS.length
  );
}

function isSettings(v: unknown): v is PanelSettings {
  return isRec(v) && isNum(v.intervalSeconds) && isNum(v.warnBelow) && isNum(v.failBelow);
}

/** Run-time check of a message received by the webview. */
export function isHostToWebview(m: unknown): m is HostToWebview {
  if (!isRec(m)) return false;
  switch (m.type) {
    case 'snapshot':
      return isSnapshot(m.snapshot);
    case 'numbers':
      return isNumbers(m.numbers);
    case 'history':
      return isHistory(m.history);
    case 'problem':
      return isRec(m.problem) && isOneOf(PROBLEM_KINDS, m.problem.kind) && isStr(m.problem.message) && isStr(m.problem.hint);
    case 'loading':
      return isStr(m.context);
    case 'settings':
      return isSettings(m.settings);
    case 'paused':
      return typeof m.paused === 'boolean';
    case 'notice':
      return isOptStr(m.notice);
    default:
      return false;
  }
}

/** Run-time check of a message received by the extension host. */
export function isWebviewToHost(m: unknown): m is WebviewToHost {
  if (!isRec(m)) return false;
  switch (m.type) {
    case 'ready':
    case 'refresh':
    case 'resync':
      return true;
    case 'setPaused':
      return typeof m.paused === 'boolean';
    case 'openManifest':
    case 'addToMesh':
      return isWorkloadRef(m.workload);
    case 'openPolicy':
      return isPolicyTarget(m.policy);
    case 'command':
      return isOneOf(PANEL_COMMANDS, m.command);
    default:
      return false;
  }
}
