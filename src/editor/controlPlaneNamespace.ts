import * as vscode from 'vscode';
import { DEFAULT_CONTROL_PLANE_NAMESPACE } from '../core/linkerd';

export const CONTROL_PLANE_NAMESPACE_SETTING = 'meshaware.controlPlaneNamespace';

/**
 * The namespace of Linkerd's control plane, the one setting that traffic, the cluster status, the lifecycle
 * commands and lint all read. `meshaware.lint.controlPlaneNamespace`, its deprecated predecessor, still counts
 * when only it is set.
 */
export function controlPlaneNamespace(): string {
  const c = vscode.workspace.getConfiguration('meshaware');
  const own = c.inspect<string>('controlPlaneNamespace');
  const legacy = c.inspect<string>('lint.controlPlaneNamespace');
  return (
    own?.workspaceFolderValue ?? own?.workspaceValue ?? own?.globalValue ??
    legacy?.workspaceFolderValue ?? legacy?.workspaceValue ?? legacy?.globalValue ??
    DEFAULT_CONTROL_PLANE_NAMESPACE
  );
}

/** Whether a configuration change may change the control-plane namespace. */
export function affectsControlPlaneNamespace(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(CONTROL_PLANE_NAMESPACE_SETTING) || e.affectsConfiguration('meshaware.lint.controlPlaneNamespace');
}
