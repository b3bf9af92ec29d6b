/** Which local Kubernetes distribution a context points at, when it is one. */
export type LocalFlavour = 'kind' | 'k3d' | 'minikube' | 'docker-desktop' | 'rancher-desktop' | 'orbstack' | 'colima' | 'microk8s' | 'loopback';

export interface LocalVerdict {
  readonly local: boolean;
  readonly flavour?: LocalFlavour;
  /** Why we decided so, for the confirmation dialog and the log. */
  readonly reason: string;
}

/** The facts about a context we can read without calling the cluster. */
export interface ContextFacts {
  readonly contextName: string;
  readonly clusterName?: string;
  readonly server?: string;
}

/** The facts about a node that identify a local distribution more reliably than names (users rename contexts). */
export interface NodeFacts {
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly kubeletVersion?: string;
  readonly providerID?: string;
}

const NAME_PATTERNS: readonly [RegExp, LocalFlavour][] = [
  [/^kind-/, 'kind'],
  [/^k3d-/, 'k3d'],
  [/^minikube$/, 'minikube'],
  [/^docker-desktop$|^docker-for-desktop$/, 'docker-desktop'],
  [/^rancher-desktop$/, 'rancher-desktop'],
  [/^orbstack$/, 'orbstack'],
  [/^colima(-|$)/, 'colima'],
  [/^microk8s(-|$)/, 'microk8s'],
];

/** Hosts that only ever mean "this machine" (or the VM of a desktop cluster tool on it). */
export function isLocalHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h === '0.0.0.0' || h === '::1' || h === '::') return true;
  if (/^127\.\d+\.\d+\.\d+$/.test(h)) return true;
  return h.endsWith('.docker.internal') || h === 'host.lima.internal' || h.endsWith('.orb.local');
}

function hostOf(server: string | undefined): string | undefined {
  if (!server) return undefined;
  try {
    return new URL(server).hostname;
  } catch {
    return undefined;
  }
}

/**
 * Decides whether a context is a local development cluster. A well-known tool name only counts when the
 * server is on this machine too, so a remote cluster that someone named `kind-prod` is still remote.
 * Node facts, when given, identify the distribution even when the context was renamed.
 */
export function classifyContext(ctx: ContextFacts, nodes: readonly NodeFacts[] = []): LocalVerdict {
  const host = hostOf(ctx.server);
  const localHost = host !== undefined && isLocalHost(host);
  const byNode = flavourFromNodes(nodes);
  const byName = [ctx.contextName, ctx.clusterName ?? ''].map((n) => NAME_PATTERNS.find(([re]) => re.test(n))?.[1]).find((f) => f);
  if (localHost) {
    const flavour = byNode ?? byName ?? 'loopback';
    return { local: true, flavour, reason: `the API server ${host} is on this machine${flavour !== 'loopback' ? ` (${flavour})` : ''}` };
  }
  if (byNode && host !== undefined && isPrivateAddress(host)) {
    return { local: true, flavour: byNode, reason: `its nodes are ${byNode} nodes on a private address (${host})` };
  }
  const what = host ? `the API server ${host} is not on this machine` : 'its API server address is unknown';
  return { local: false, reason: byName ? `${what}, although the name looks like ${byName}` : what };
}

function flavourFromNodes(nodes: readonly NodeFacts[]): LocalFlavour | undefined {
  for (const n of nodes) {
    const labels = n.labels ?? {};
    if (n.providerID?.startsWith('kind://')) return 'kind';
    if (labels['minikube.k8s.io/name'] !== undefined) return 'minikube';
    if (n.name === 'docker-desktop' || n.name === 'desktop-control-plane') return 'docker-desktop';
    if (n.name === 'orbstack') return 'orbstack';
    if (n.name.startsWith('k3d-')) return 'k3d';
    if (n.name === 'colima') return 'colima';
    if (labels['microk8s.io/cluster'] !== undefined) return 'microk8s';
    if (n.name === 'lima-rancher-desktop') return 'rancher-desktop';
    if (/-control-plane$/.test(n.name) && n.kubeletVersion && !n.kubeletVersion.includes('+')) return 'kind';
  }
  return undefined;
}

/** RFC 1918 and unique-local addresses: where VM-based local clusters (minikube's VM drivers) live. */
export function isPrivateAddress(host: string): boolean {
  const m = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(host);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  return /^f[cd][0-9a-f]{2}:/i.test(host);
}
