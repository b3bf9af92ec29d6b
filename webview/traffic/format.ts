// Numbers as the panel shows them, and health from success rate; pure, shared by graph, table and details.
import { NOISE_RPS } from '../../src/shared/trafficNumbers';
import type { AuthzProtocol, PanelSettings, PanelEdge } from '../../src/shared/trafficProtocol';

export type LabelMode = 'rps' | 'success' | 'latency';
export type Health = 'ok' | 'warn' | 'fail' | 'idle';

/** Requests per second without the unit, for a column that names it. */
export function formatRate(rps: number): string {
  if (rps === 0) return '0';
  if (rps < 0.1) return '<0.1';
  return rps < 10 ? rps.toFixed(1) : Math.round(rps).toString();
}

export function formatRps(rps: number): string {
  return `${formatRate(rps)} rps`;
}

/** Connections per second without the unit: few (a client reconnecting every 30 s opens 0.03 a second), so two decimals below 1. */
export function formatConnRate(cps: number): string {
  if (cps === 0) return '0';
  if (cps < 0.01) return '<0.01';
  return cps < 1 ? cps.toFixed(2) : formatRate(cps);
}

/** Requests (`6.0 rps`) or connections (`0.50 conn/s`) per second, as an authorization row counts them. */
export function formatPerSecond(n: number, protocol: AuthzProtocol): string {
  return protocol === 'tcp' ? `${formatConnRate(n)} conn/s` : formatRps(n);
}

export function formatSuccess(rate: number | null): string {
  if (rate === null) return '–';
  // Never round a failing edge up to 100%: 99.96% shows as 99.9%.
  const pct = Math.floor(rate * 1000) / 10;
  return `${pct === 100 ? '100' : pct.toFixed(1)}%`;
}

export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '–';
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10000 ? 0 : 1)} s`;
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms).toString()} ms`;
}

/** An edge's label in the graph, short enough for a side bar. */
export function edgeLabel(e: PanelEdge, mode: LabelMode): string {
  switch (mode) {
    case 'rps':
      return `${formatRate(e.requestsPerSecond)}/s`;
    case 'success':
      return formatSuccess(e.successRate);
    case 'latency':
      return e.latencyMs?.p95 != null ? `p95 ${formatLatency(e.latencyMs.p95)}` : '–';
  }
}

/** The destination's proxies refused some of this caller's requests or connections in the window (policy, not a failure). */
export function isDenied(e: Pick<PanelEdge, 'deniedRps' | 'deniedCps'>): boolean {
  return (e.deniedRps ?? 0) > NOISE_RPS || (e.deniedCps ?? 0) > NOISE_RPS;
}

/** What the destination refused of an edge, per second without units, for labels and cells: each only when there were any. */
export function deniedParts(e: Pick<PanelEdge, 'deniedRps' | 'deniedCps'>): { requests?: string; connections?: string } {
  return {
    ...((e.deniedRps ?? 0) > NOISE_RPS ? { requests: formatRate(e.deniedRps!) } : {}),
    ...((e.deniedCps ?? 0) > NOISE_RPS ? { connections: formatConnRate(e.deniedCps!) } : {}),
  };
}

export function health(rate: number | null, s: Pick<PanelSettings, 'warnBelow' | 'failBelow'>): Health {
  if (rate === null) return 'idle';
  if (rate < s.failBelow) return 'fail';
  return rate < s.warnBelow ? 'warn' : 'ok';
}

export function tlsText(e: PanelEdge): string {
  return e.noTlsReason === '' ? 'mTLS' : `not mTLS (${e.noTlsReason.replace(/_/g, ' ')})`;
}

/** "5 s ago" for the last-updated stamp; absolute time once it is old. */
export function ago(then: number, now: number): string {
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  return new Date(then).toLocaleString();
}
