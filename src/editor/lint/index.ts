import * as vscode from 'vscode';
import type { ExtensionServices } from '../context';
import type { WorkspaceIndex } from '../workspaceIndex';
import { registerLintCodeActions } from './codeActions';
import { registerPolicyDefinitions } from './definitionProvider';
import { LintDiagnostics } from './diagnostics';
import { PolicyModel } from './policyModel';
import { registerPolicyReferences } from './referenceProvider';
import { registerValueCompletion } from './valueCompletionProvider';

/** Policy lint in the editor: diagnostics across the workspace, quick fixes, navigation between policy objects, and value completion. */
export function registerLint(services: ExtensionServices, index: WorkspaceIndex): vscode.Disposable {
  const diagnostics = new LintDiagnostics(services, index);
  const model = new PolicyModel(index, services.manifests);
  return vscode.Disposable.from(diagnostics, registerLintCodeActions(services, diagnostics), model, registerPolicyDefinitions(model), registerPolicyReferences(model), registerValueCompletion(services));
}
