import * as vscode from 'vscode';
import type { ExtensionServices } from '../context';
import { ManifestActions } from './manifestActions';
import { PolicyActions } from './policyActions';
import { readerFor } from '../../core/traffic/reader';
import { readPrometheusUrl, readSourceSetting } from './settings';
import { ClusterTrafficSource, type TrafficSource } from './source';
import { isCancelled } from '../../core/cancel';
import { ChangeLog } from '../../core/logging/changes';
import type { TrafficSnapshot } from '../../shared/trafficProtocol';
import { TrafficViewProvider } from './trafficView';
import { TRAFFIC_COMMANDS, VIEWS } from '../commandIds';
import type { WorkspaceIndex } from '../workspaceIndex';
import { controlPlaneNamespace } from '../controlPlaneNamespace';

/** The Live traffic view in the Meshaware activity-bar container, with its title-bar commands. */
export function registerTraffic(services: ExtensionServices, index: WorkspaceIndex, onRead?: (snapshot: TrafficSnapshot) => void): vscode.Disposable {
  const source = observed(new ClusterTrafficSource(() => services.cluster.client(), readerFor(readSourceSetting, readPrometheusUrl), Date.now, controlPlaneNamespace), services.log, onRead);
  const manifests = new ManifestActions(services, index);
  const provider = new TrafficViewProvider(services, source, manifests, new PolicyActions(index, manifests));
  return vscode.Disposable.from(
    provider,
    vscode.window.registerWebviewViewProvider(VIEWS.traffic, provider),
    vscode.commands.registerCommand(TRAFFIC_COMMANDS.refresh, () => provider.refresh()),
    vscode.commands.registerCommand(TRAFFIC_COMMANDS.pause, () => provider.setPaused(true)),
    vscode.commands.registerCommand(TRAFFIC_COMMANDS.resume, () => provider.setPaused(false)),
  );
}

/** Reads through `source`, logging where the numbers come from or why there are none only when that changes. */
function observed(source: TrafficSource, log: vscode.LogOutputChannel, onRead?: (snapshot: TrafficSnapshot) => void): TrafficSource {
  const changes = new ChangeLog((line) => log.info(line));
  return {
    async read(signal) {
      try {
        const snapshot = await source.read(signal);
        changes.note('traffic', `Live Traffic on ${snapshot.context}: reading ${snapshot.origin}`);
        if (snapshot.gaps) changes.note('gaps', `Live Traffic: ${snapshot.gaps.summary}`);
        else changes.forget('gaps');
        onRead?.(snapshot);
        return snapshot;
      } catch (e) {
        if (!signal.aborted && !isCancelled(e)) changes.note('traffic', `Live Traffic stopped: ${e instanceof Error ? e.message : String(e)}`);
        throw e;
      }
    },
    close: () => source.close(),
  };
}
