import { clone, type KubeObject } from './types';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: EventType;
  key: string;
  resourceVersion: number;
  object: KubeObject;
  /** The object before a modification, so watchers can tell when it leaves their selector. */
  previous?: KubeObject;
}

export type StoreListener = (event: StoreEvent) => void;

/**
 * Versioned object storage shared by every resource type. One cluster-wide counter gives each write its
 * resourceVersion, and a bounded history lets watches resume from a recent version (older ones get 410).
 */
export class Store {
  private revision = 1;
  private readonly buckets = new Map<string, Map<string, KubeObject>>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<StoreListener>();

  constructor(private readonly historyLimit = 5000) {}

  get resourceVersion(): number {
    return this.revision;
  }

  /** Versions at or below this one can no longer be replayed. */
  get oldestReplayable(): number {
    return this.history.length > 0 ? this.history[0].resourceVersion - 1 : this.revision;
  }

  get(key: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const found = this.bucket(key).get(objectKey(namespace, name));
    return found && clone(found);
  }

  list(key: string, namespace?: string): KubeObject[] {
    return this.peek(key, namespace).map((o) => clone(o));
  }

  /**
   * The stored objects themselves, for in-process readers that never modify them (controllers, metrics):
   * copying a thousand pods on every reconcile pass is what made large clusters slow.
   */
  peek(key: string, namespace?: string): readonly KubeObject[] {
    const all = [...this.bucket(key).values()];
    return namespace ? all.filter((o) => o.metadata.namespace === namespace) : all;
  }

  /** Every bucket key holding at least one object. */
  keys(): string[] {
    return [...this.buckets.keys()].filter((k) => this.bucket(k).size > 0);
  }

  put(key: string, object: KubeObject): KubeObject {
    const bucket = this.bucket(key);
    const id = objectKey(object.metadata.namespace, object.metadata.name!);
    const previous = bucket.get(id);
    const stored = clone(object);
    stored.metadata.resourceVersion = String(++this.revision);
    bucket.set(id, stored);
    this.emit({ type: previous ? 'MODIFIED' : 'ADDED', key, resourceVersion: this.revision, object: stored, previous });
    return clone(stored);
  }

  remove(key: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const bucket = this.bucket(key);
    const id = objectKey(namespace, name);
    const previous = bucket.get(id);
    if (!previous) return undefined;
    bucket.delete(id);
    const removed = clone(previous);
    removed.metadata.resourceVersion = String(++this.revision);
    this.emit({ type: 'DELETED', key, resourceVersion: this.revision, object: removed });
    return clone(removed);
  }

  /** Events after `since`, or undefined when they have already been forgotten. */
  eventsSince(since: number): StoreEvent[] | undefined {
    if (since < this.oldestReplayable) return undefined;
    return this.history.filter((e) => e.resourceVersion > since);
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Drops the whole history, so that any watch resuming from an earlier version gets 410 Gone. */
  compact(): void {
    this.history.length = 0;
  }

  private emit(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length > this.historyLimit) this.history.splice(0, this.history.length - this.historyLimit);
    for (const listener of [...this.listeners]) listener(event);
  }

  private bucket(key: string): Map<string, KubeObject> {
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new Map()));
    return bucket;
  }
}

function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}
