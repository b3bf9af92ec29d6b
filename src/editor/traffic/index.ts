import * as vscode from 'vscode';
import type { ExtensionServices } from '../context';
import { ManifestActions } from './manifestActions';
import { readerFor } from '../../core/traffic/reader';
import { readPrometheusUrl, readSourceSetting } from './settings';
import { ClusterTrafficSource } from './source';
import { TrafficViewProvider } from './trafficView';
import { TRAFFIC_COMMANDS, VIEWS } from '../commandIds';
import type { WorkspaceIndex } from '../workspaceIndex';
import { controlPlaneNamespace } from '../controlPlaneNamespace';

/** The Live traffic view in the Meshaware activity-bar container, with its title-bar commands. */
export function registerTraffic(services: ExtensionServices, index: WorkspaceIndex): vscode.Disposable {
  const source = new ClusterTrafficSource(() => services.cluster.client(), readerFor(readSourceSetting, readPrometheusUrl), Date.now, controlPlaneNamespace);
  const provider = new TrafficViewProvider(services, source, new ManifestActions(services, index));
  return vscode.Disposable.from(
    provider,
    vscode.window.registerWebviewViewProvider(VIEWS.traffic, provider),
    vscode.commands.registerCommand(TRAFFIC_COMMANDS.refresh, () => provider.refresh()),
    vscode.commands.registerCommand(TRAFFIC_COMMANDS.pause, () => provider.setPaused(true)),
    vscode.commands.registerCommand(TRAFFIC_COMMANDS.resume, () => provider.setPaused(false)),
  );
}
