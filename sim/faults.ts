/** Failures tests can switch on, at start or while the simulator runs. */
export interface FaultOptions {
  /** Added before every API response. */
  latencyMs?: number;
  /**
   * Share of API requests answered with 500 InternalError, spread evenly rather than at random and counted from
   * when it is set: the first request after it fails, so a test knows what the next request meets.
   */
  errorRate?: number;
  /** Requests on these resources get 403 Forbidden. */
  forbidden?: ForbiddenRule[];
  /** Watches are cut this long after they start. */
  dropWatchesAfterMs?: number;
  /** The kubeconfig's token is no longer accepted (401). */
  tokenExpired?: boolean;
  /** The kubeconfig carries a CA that did not sign the server certificate. */
  wrongCa?: boolean;
}

export interface ForbiddenRule {
  /** `*` is every resource but the self-reviews, which Kubernetes lets every authenticated user create. */
  resource: string;
  /** `*` is every group. */
  group?: string;
  /** All verbs when absent. */
  verbs?: string[];
  namespace?: string;
}

export class Faults {
  private requests = 0;
  private readonly openWatches = new Set<() => void>();

  constructor(public options: FaultOptions = {}) {}

  set(options: FaultOptions): void {
    if (options.errorRate !== undefined) this.requests = 0;
    this.options = { ...this.options, ...options };
  }

  clear(): void {
    this.options = {};
  }

  /** Counts a request and tells whether it is one of the failing ones. */
  shouldFail(): boolean {
    const rate = this.options.errorRate ?? 0;
    const n = ++this.requests;
    return Math.ceil(n * rate) > Math.ceil((n - 1) * rate);
  }

  forbids(verb: string, group: string, resource: string, namespace: string | undefined): boolean {
    return (this.options.forbidden ?? []).some(
      (r) =>
        (r.resource === resource || (r.resource === '*' && !resource.startsWith('selfsubject'))) &&
        (r.group === '*' || (r.group ?? '') === group) &&
        (!r.verbs || r.verbs.includes(verb)) &&
        (!r.namespace || r.namespace === namespace),
    );
  }

  /** Watch streams open now: tests check that a client closes what it opened. */
  get openWatchCount(): number {
    return this.openWatches.size;
  }

  trackWatch(close: () => void): () => void {
    this.openWatches.add(close);
    return () => this.openWatches.delete(close);
  }

  /** Ends every open watch stream now, as a restarting API server or a dropped connection would. */
  dropWatches(): void {
    for (const close of [...this.openWatches]) close();
  }
}
