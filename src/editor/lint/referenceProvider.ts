import * as vscode from 'vscode';
import { referencesAt } from '../../core/lint/model/navigation';
import { toLocation } from '../convert';
import type { PolicyModel } from './policyModel';

/** Find All References on a policy object's `metadata.name`, or on a reference to it, lists every reference across the workspace. */
export function registerPolicyReferences(model: PolicyModel): vscode.Disposable {
  return vscode.languages.registerReferenceProvider(
    { language: 'yaml' },
    {
      provideReferences(document, position, context) {
        return referencesAt(model.withDocument(document), document.uri.toString(), document.offsetAt(position), context.includeDeclaration).map(toLocation);
      },
    },
  );
}
