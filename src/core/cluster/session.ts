import { ClusterClient } from './client';
import { ClusterError } from './errors';
import { kubeconfigFiles, loadKubeconfig, type ContextInfo, type Kubeconfig } from './kubeconfig';
import { classifyContext, type LocalVerdict } from './localCluster';
import { KubeTransport, type RequestLog } from './transport';

/**
 * The user's kubeconfig and the context we talk to. The chosen context can differ from the file's
 * current-context (we never rewrite the user's kubeconfig); clients are made on demand per context.
 */
export class ClusterSession {
  private config: Kubeconfig | undefined;
  private chosen: string | undefined;
  private readonly clients = new Map<string, Promise<ClusterClient>>();

  constructor(
    private readonly log: RequestLog,
    private readonly files: () => readonly string[] = () => kubeconfigFiles(),
  ) {}

  /** Re-reads the kubeconfig from disk; clients of changed contexts are made afresh. */
  async reload(): Promise<Kubeconfig> {
    this.config = await loadKubeconfig(this.files());
    this.clients.clear();
    return this.config;
  }

  async kubeconfig(): Promise<Kubeconfig> {
    return this.config ?? this.reload();
  }

  get watchedFiles(): readonly string[] {
    return this.files();
  }

  /** The context in use: the one the user picked, else the kubeconfig's current-context. */
  async currentContext(): Promise<ContextInfo | undefined> {
    const config = await this.kubeconfig();
    const name = this.chosen ?? config.currentContext;
    return config.contexts.find((c) => c.name === name);
  }

  async useContext(name: string): Promise<void> {
    const config = await this.kubeconfig();
    if (!config.contexts.some((c) => c.name === name)) throw new Error(`There is no context "${name}" in the kubeconfig.`);
    this.chosen = name;
  }

  verdict(ctx: ContextInfo): LocalVerdict {
    return classifyContext({ contextName: ctx.name, clusterName: ctx.cluster, server: ctx.server });
  }

  /** A client for the current context; a ClusterError of kind noContext says how to get one. */
  async client(): Promise<ClusterClient> {
    const ctx = await this.currentContext();
    if (!ctx) {
      const files = this.files().join(', ');
      throw new ClusterError('noContext', `No Kubernetes context is selected (kubeconfig: ${files || 'none'}).`, 'Create a local cluster (kind, k3d, minikube) or pick a context.');
    }
    let hit = this.clients.get(ctx.name);
    if (!hit) {
      const config = await this.kubeconfig();
      hit = config.connection(ctx.name).then((conn) => new ClusterClient(new KubeTransport(conn, this.log)));
      hit.catch(() => this.clients.delete(ctx.name));
      this.clients.set(ctx.name, hit);
    }
    return hit;
  }
}
