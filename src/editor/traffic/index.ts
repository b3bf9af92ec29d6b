import * as vscode from 'vscode';
import type { ExtensionServices } from '../context';
import { ManifestActions } from './manifestActions';
import { PolicyActions } from './policyActions';
import type { TrafficFeed } from './feed';
import { TrafficEditor } from './trafficEditor';
import { TrafficViewProvider } from './trafficView';
import { CONTEXT_KEYS, TRAFFIC_COMMANDS, VIEWS } from '../commandIds';
import type { WorkspaceIndex } from '../workspaceIndex';

/** The Live traffic view in the Meshaware activity-bar container and its editor tab, with their title-bar commands. */
export function registerTraffic(services: ExtensionServices, index: WorkspaceIndex, feed: TrafficFeed): vscode.Disposable {
  const manifests = new ManifestActions(services, index);
  const actions = { manifests, policies: new PolicyActions(index, manifests) };
  const provider = new TrafficViewProvider(services, feed, actions);
  const editor = new TrafficEditor(services, feed, actions);
  // The context key swaps the title bar's Pause and Resume.
  const setPaused = (paused: boolean) => {
    feed.setPaused(paused);
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.trafficPaused, paused);
  };
  return vscode.Disposable.from(
    provider,
    editor,
    vscode.window.registerWebviewViewProvider(VIEWS.traffic, provider),
    vscode.commands.registerCommand(TRAFFIC_COMMANDS.refresh, () => feed.refresh()),
    vscode.commands.registerCommand(TRAFFIC_COMMANDS.pause, () => setPaused(true)),
    vscode.commands.registerCommand(TRAFFIC_COMMANDS.resume, () => setPaused(false)),
    vscode.commands.registerCommand(TRAFFIC_COMMANDS.openInEditor, () => editor.open()),
  );
}
