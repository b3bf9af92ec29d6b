import type * as vscode from 'vscode';
import type { ManifestCache } from './manifestCache';
import type { ClusterService } from './cluster/clusterService';

/** What every editor contribution receives from activation: the shared services, built once. */
export interface ExtensionServices {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly manifests: ManifestCache;
  /** The kubeconfig and current context; loads nothing until first used. */
  readonly cluster: ClusterService;
}
