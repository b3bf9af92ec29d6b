import type * as vscode from 'vscode';
import type { ManifestCache } from './manifestCache';
import type { ClusterService } from './cluster/clusterService';
import type { LiveMeshCache } from './cluster/liveMeshCache';
import type { HealthService } from './controlPlane/healthService';

/** What every editor contribution receives from activation: the shared services, built once. */
export interface ExtensionServices {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly manifests: ManifestCache;
  /** The kubeconfig and current context; loads nothing until first used. */
  readonly cluster: ClusterService;
  /** What the current context runs, for comparing files with the cluster. */
  readonly live: LiveMeshCache;
  /** The last Linkerd check, taken again when the mesh changes. */
  readonly health: HealthService;
}
