import * as vscode from 'vscode';
import type { ExtensionServices } from '../context';
import type { WorkspaceIndex } from '../workspaceIndex';
import { ImpactPreview } from './impactPreview';
import { registerLiveLens } from './liveLens';
import { PolicyTrafficFeed } from './trafficFeed';
import type { TrafficFeed } from '../traffic/feed';

/** Policy meets traffic in the editor: live numbers over policy objects, and the impact of an edit. */
export function registerPolicyTraffic(services: ExtensionServices, index: WorkspaceIndex, traffic: TrafficFeed): { readonly disposable: vscode.Disposable; readonly impact: ImpactPreview } {
  const feed = new PolicyTrafficFeed(services, traffic);
  const impact = new ImpactPreview(index, feed);
  return { disposable: vscode.Disposable.from(feed, impact, registerLiveLens(services, feed)), impact };
}
