import * as vscode from 'vscode';
import { VIEWS } from '../commandIds';
import { formatLiveEffect, liveEffect, type PolicyObjectRef } from '../../core/policy/liveEffect';
import type { ManifestDocument } from '../../core/yaml/manifest';
import type { ExtensionServices } from '../context';
import { offsetsToRange } from '../convert';
import { LIVE_POLICY_KINDS, type PolicyTrafficFeed } from './trafficFeed';

/** What an authorization applies to: an AuthorizationPolicy's `targetRef`, a ServerAuthorization's `server.name`. */
function targetOf(d: ManifestDocument): PolicyObjectRef['target'] {
  const get = (path: string[]) => d.doc.getIn(['spec', ...path]);
  if (d.kind === 'AuthorizationPolicy') {
    const kind = get(['targetRef', 'kind']);
    const name = get(['targetRef', 'name']);
    return typeof kind === 'string' ? { kind, name: typeof name === 'string' ? name : '' } : undefined;
  }
  const server = get(['server', 'name']);
  return typeof server === 'string' ? { kind: 'Server', name: server } : undefined;
}

/** A code lens over each Server, HTTPRoute, AuthorizationPolicy and ServerAuthorization with its live effect. */
export function registerLiveLens(services: ExtensionServices, feed: PolicyTrafficFeed): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    provideCodeLenses(document) {
      const latest = feed.latest;
      if (!latest) return [];
      const parsed = services.manifests.get(document);
      return parsed.documents.flatMap((d) => {
        if (!d.kind || !d.name || d.errors.length || !LIVE_POLICY_KINDS.has(d.kind)) return [];
        const effect = liveEffect(latest.model, { kind: d.kind, name: d.name, namespace: d.namespace ?? 'default', target: targetOf(d) });
        if (!effect) return [];
        return [new vscode.CodeLens(offsetsToRange(parsed.lines, d.anchorStart, d.anchorEnd), {
          title: `$(pulse) ${formatLiveEffect(d.name, effect)}`,
          tooltip: `Requests (rps) or connections (conn/s) per second the proxies of context "${latest.context}" admitted and refused over the last ${Math.round(latest.model.windowSeconds)} s. Open Live Traffic.`,
          command: `${VIEWS.traffic}.focus`,
        })];
      });
    },
  };
  return vscode.Disposable.from(
    changed,
    vscode.languages.registerCodeLensProvider({ language: 'yaml' }, provider),
    // A lens change makes the workbench ask every lens provider of every visible YAML editor again, after a debounce
    // that restarts on each change: firing on each poll while no policy is shown would only hold back the mesh
    // lenses. An editor that comes into view asks anyway.
    feed.onDidChange(() => vscode.window.visibleTextEditors.some((e) => feed.shows(e.document)) && changed.fire()),
  );
}
