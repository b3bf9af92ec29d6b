import type { ClusterClient } from '../core/cluster/client';
import { ClusterSession } from '../core/cluster/session';
import { kubeconfigFiles } from '../core/cluster/kubeconfig';
import type { Options } from './command';
import { UsageError } from './command';
import { writeText } from './terminal';
import { DEFAULT_CONTROL_PLANE_NAMESPACE } from '../core/linkerd';
import type { CliIo } from './io';

/** The flags every cluster command takes. */
export const CLUSTER_OPTIONS = {
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  verbose: { type: 'boolean' },
  'confirm-context': { type: 'string' },
  'linkerd-namespace': { type: 'string', short: 'L' },
} as const satisfies Options;

export const CLUSTER_USAGE = `Cluster options:
  --kubeconfig F              kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)
  --context NAME              context to use (default: the kubeconfig's current-context)
  --confirm-context NAME      required to change a context that is not a local cluster
  -L, --linkerd-namespace NS  the namespace of Linkerd's control plane (default: linkerd)
  --verbose                   log every API request (method, path, status, duration) to stderr`;

export interface CliCluster {
  readonly client: ClusterClient;
  readonly session: ClusterSession;
  /** The control plane's namespace, from --linkerd-namespace. */
  readonly controlPlaneNs: string;
  /** Throws unless the context is local or the user named it with --confirm-context. */
  assertMayChange(action: string): Promise<void>;
}

/** Opens the cluster the flags point at, logging requests to stderr with --verbose. */
export async function openCluster(flags: ReadonlyMap<string, string | true>, io: CliIo): Promise<CliCluster> {
  const verbose = flags.has('verbose');
  const log = { info: (m: string) => verbose && writeText(io.stderr, `${m}\n`), warn: (m: string) => writeText(io.stderr, `warning: ${m}\n`) };
  const file = flags.get('kubeconfig');
  const session = new ClusterSession(
    { info: (m) => void log.info(m), warn: (m) => void log.warn(m) },
    () => (typeof file === 'string' ? [file] : kubeconfigFiles()),
  );
  const context = flags.get('context');
  if (typeof context === 'string') {
    await session.useContext(context).catch((e: Error) => {
      throw new UsageError(e.message);
    });
  }
  const client = await session.client();
  const ns = flags.get('linkerd-namespace');
  return {
    client,
    session,
    controlPlaneNs: typeof ns === 'string' ? ns : DEFAULT_CONTROL_PLANE_NAMESPACE,
    async assertMayChange(action: string) {
      const ctx = await session.currentContext();
      if (!ctx) return;
      const verdict = session.verdict(ctx);
      if (verdict.local || flags.get('confirm-context') === ctx.name) return;
      throw new UsageError(`refusing to ${action} on context "${ctx.name}": ${verdict.reason}. If you mean it, add --confirm-context ${ctx.name}`);
    },
  };
}
