import * as vscode from 'vscode';
import type { ExtensionServices } from '../context';
import type { WorkspaceIndex } from '../workspaceIndex';
import { registerLintCodeActions } from './codeActions';
import { LintDiagnostics } from './diagnostics';

/** Policy lint in the editor: diagnostics across the workspace and quick fixes for them. */
export function registerLint(services: ExtensionServices, index: WorkspaceIndex): vscode.Disposable {
  const diagnostics = new LintDiagnostics(services, index);
  return vscode.Disposable.from(diagnostics, registerLintCodeActions(services, diagnostics));
}
