import * as vscode from 'vscode';

/**
 * Registers what talks to a cluster only in a trusted workspace (package.json `capabilities`): in Restricted
 * Mode a cloned repository gets lint, lenses, completion and hover, and nothing it contains can reach a
 * cluster. Granting trust registers the rest at once, without a reload.
 */
export function whenTrusted(register: () => vscode.Disposable): vscode.Disposable {
  if (vscode.workspace.isTrusted) return register();
  let registered: vscode.Disposable | undefined;
  const granted = vscode.workspace.onDidGrantWorkspaceTrust(() => {
    granted.dispose();
    registered = register();
  });
  return { dispose: () => (granted.dispose(), registered?.dispose()) };
}
