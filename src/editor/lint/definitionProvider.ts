import * as vscode from 'vscode';
import { definitionsAt } from '../../core/lint/model/navigation';
import { toLocation } from '../convert';
import type { PolicyModel } from './policyModel';

/** Go to Definition on a policy reference (targetRef, requiredAuthenticationRefs, parentRefs, …) opens the object it names. */
export function registerPolicyDefinitions(model: PolicyModel): vscode.Disposable {
  return vscode.languages.registerDefinitionProvider(
    { language: 'yaml' },
    {
      provideDefinition(document, position) {
        return definitionsAt(model.withDocument(document), document.uri.toString(), document.offsetAt(position)).map(toLocation);
      },
    },
  );
}
