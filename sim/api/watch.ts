import type { ServerResponse } from 'node:http';
import type { StoreEvent } from '../store/store';
import type { Matcher } from '../store/selectors';
import type { KubeObject } from '../store/types';
import type { Faults } from '../faults';
import type { ObjectApi } from './objects';
import { apiVersionOf, storageKey, type ResourceType } from './resources';
import { statusBody } from './status';
import { toTable } from './table';

export interface WatchParams {
  type: ResourceType;
  namespace?: string;
  matches: Matcher;
  resourceVersion?: string;
  sendInitialEvents: boolean;
  bookmarks: boolean;
  bookmarkIntervalMs: number;
  timeoutSeconds?: number;
  /** Each event carries a one-row Table instead of the object, as kubectl get --watch asks. */
  asTable: boolean;
}

/**
 * Streams watch events as newline-delimited JSON. Objects entering or leaving the selector are reported
 * as ADDED or DELETED, as the API server's watch cache does.
 */
export function serveWatch(res: ServerResponse, api: ObjectApi, faults: Faults, p: WatchParams): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  // Clients wait for the headers before they consider a watch open, even when no event is due yet.
  res.flushHeaders();
  const send = (type: string, object: unknown) => res.write(JSON.stringify({ type, object }) + '\n');
  const present = (o: KubeObject) => {
    const object = { ...o, apiVersion: apiVersionOf(p.type), kind: p.type.kind };
    return p.asTable ? toTable(p.type.kind, [object], object.metadata.resourceVersion!) : object;
  };
  const inScope = (o: KubeObject) => !p.type.namespaced || !p.namespace || o.metadata.namespace === p.namespace;
  const relevant = (o: KubeObject | undefined) => o !== undefined && inScope(o) && p.matches(o);

  const deliver = (event: StoreEvent) => {
    if (event.key !== storageKey(p.type)) return;
    const now = relevant(event.object);
    const before = event.type === 'MODIFIED' && relevant(event.previous);
    if (event.type === 'MODIFIED' && before && !now) send('DELETED', present(event.object));
    else if (event.type === 'MODIFIED' && !before && now) send('ADDED', present(event.object));
    else if (now) send(event.type, present(event.object));
  };

  const fromVersion = p.resourceVersion && p.resourceVersion !== '0' ? Number(p.resourceVersion) : undefined;
  if (fromVersion !== undefined && !p.sendInitialEvents) {
    const replay = Number.isFinite(fromVersion) ? api.store.eventsSince(fromVersion) : undefined;
    if (!replay) {
      send('ERROR', statusBody(410, 'Expired', `too old resource version: ${p.resourceVersion} (${api.store.oldestReplayable + 1})`));
      res.end();
      return;
    }
    replay.forEach(deliver);
  } else {
    for (const o of api.list(p.type, p.namespace).filter((o) => p.matches(o))) send('ADDED', present(o));
    if (p.sendInitialEvents) send('BOOKMARK', bookmark(p.type, api, { 'k8s.io/initial-events-end': 'true' }));
  }

  const unsubscribe = api.store.subscribe(deliver);
  const timers: NodeJS.Timeout[] = [];
  const finish = () => {
    unsubscribe();
    untrack();
    timers.forEach(clearTimeout);
    if (!res.writableEnded) res.end();
  };
  const untrack = faults.trackWatch(finish);
  if (p.bookmarks) timers.push(setInterval(() => send('BOOKMARK', bookmark(p.type, api)), p.bookmarkIntervalMs));
  if (p.timeoutSeconds) timers.push(setTimeout(finish, p.timeoutSeconds * 1000));
  if (faults.options.dropWatchesAfterMs !== undefined) timers.push(setTimeout(finish, faults.options.dropWatchesAfterMs));
  res.on('close', finish);
}

function bookmark(type: ResourceType, api: ObjectApi, annotations?: Record<string, string>): object {
  return {
    kind: type.kind,
    apiVersion: apiVersionOf(type),
    metadata: { resourceVersion: String(api.store.resourceVersion), ...(annotations ? { annotations } : {}) },
  };
}
