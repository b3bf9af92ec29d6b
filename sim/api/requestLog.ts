/** Counts the API server's requests by method and path, so tests can tell how often a client reads the cluster. */
export class RequestLog {
  private readonly counts = new Map<string, number>();

  note(method: string, path: string): void {
    const key = `${method} ${path}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Requests so far whose `METHOD /path` matches. */
  count(pattern: RegExp): number {
    let n = 0;
    for (const [key, c] of this.counts) if (pattern.test(key)) n += c;
    return n;
  }
}
