/**
 * The cluster's pods kept current by a watch, for a view that reads traffic every few seconds: a thousand pods'
 * list is megabytes of JSON to parse on every refresh, a watch sends only what changes. One list, then a watch
 * from its resourceVersion; a watch the server ends is opened again from the last version it reported, and one
 * that fails or is too old (410 Gone) makes the next read list again. The owner closes it whenever the view is
 * hidden, so that a hidden view still makes no request at all.
 */
import type { ClusterClient } from '../cluster/client';
import type { CallOptions } from '../cluster/transport';
import type { PodMeta } from '../metrics/model';
import { isListedPhase, podMeta, type PodObject } from './pods';

/** The server ends a watch after this long (and the next one starts); a quiet connection is given that and a margin. */
const WATCH_SECONDS = 300;

interface WatchEvent {
  readonly type?: string;
  readonly object?: PodObject & { readonly metadata?: { readonly resourceVersion?: string } };
}

export class PodWatch {
  private readonly pods = new Map<string, PodMeta>();
  private resourceVersion = '';
  /** The open watch; undefined when none is open, and the next read lists again. */
  private watching: AbortController | undefined;
  private closed = false;

  constructor(
    readonly client: ClusterClient,
    readonly controlPlaneNs: string,
  ) {}

  /** Running and pending pods, as listPods gives them: from the watch when it is open, else from a new list. */
  async list(opts: CallOptions): Promise<PodMeta[]> {
    if (this.closed) throw new Error('the pod watch is closed');
    if (!this.watching) await this.relist(opts);
    return [...this.pods.values()];
  }

  /** Stops watching; the next read of a closed watch is an error, so its owner makes a new one. */
  close(): void {
    this.closed = true;
    this.watching?.abort();
    this.watching = undefined;
  }

  private async relist(opts: CallOptions): Promise<void> {
    const list = await this.client.list<PodObject>('v1', 'Pod', {}, opts);
    this.pods.clear();
    for (const p of list.items) this.apply('ADDED', p);
    this.resourceVersion = list.metadata?.resourceVersion ?? '';
    if (!this.closed) this.watch();
  }

  private watch(): void {
    const controller = new AbortController();
    this.watching = controller;
    const params = new URLSearchParams({ watch: 'true', allowWatchBookmarks: 'true', resourceVersion: this.resourceVersion, timeoutSeconds: String(WATCH_SECONDS) });
    const lines = new EventLines((e) => this.onEvent(e, controller));
    this.client.stream(`/api/v1/pods?${params}`, 'pods (watch)', () => lines, { signal: controller.signal, timeoutMs: (WATCH_SECONDS + 30) * 1000, retries: 0 }).then(
      // The server ended the watch, as it does after timeoutSeconds: carry on from where it got to.
      () => this.watching === controller && !this.closed && this.watch(),
      // Failed or cancelled: the next read lists again.
      () => this.watching === controller && (this.watching = undefined),
    );
  }

  private onEvent(e: WatchEvent, controller: AbortController): void {
    if (this.watching !== controller || !e.object) return;
    if (e.type === 'ERROR') {
      // Most often 410 Gone: the version is older than the server keeps. Either way, list again.
      this.watching = undefined;
      controller.abort();
      return;
    }
    const version = e.object.metadata?.resourceVersion;
    if (version) this.resourceVersion = version;
    if (e.type !== 'BOOKMARK') this.apply(e.type ?? '', e.object);
  }

  private apply(type: string, pod: PodObject): void {
    const key = `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
    if (type === 'DELETED' || !isListedPhase(pod)) this.pods.delete(key);
    else this.pods.set(key, podMeta(pod, this.controlPlaneNs));
  }
}

/** Splits a watch's body into its newline-delimited JSON events, across chunk boundaries and multi-byte characters. */
class EventLines {
  private readonly decoder = new TextDecoder();
  private rest = '';

  constructor(private readonly event: (e: WatchEvent) => void) {}

  chunk(bytes: Uint8Array): void {
    const text = this.rest + this.decoder.decode(bytes, { stream: true });
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    for (const line of lines) {
      let e: WatchEvent;
      try {
        e = JSON.parse(line) as WatchEvent;
      } catch {
        // A line that is not JSON (or an empty one) carries no event; the watch goes on.
        continue;
      }
      this.event(e);
    }
  }
}
