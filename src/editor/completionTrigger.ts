import * as vscode from 'vscode';

/**
 * Whether a completion request should be answered: typed invocations always, the space trigger only right after a
 * key that `afterKey` recognises (VS Code does not offer value suggestions after `key: ` in YAML by itself).
 */
export function completionWanted(document: vscode.TextDocument, position: vscode.Position, context: vscode.CompletionContext, afterKey: RegExp): boolean {
  if (context.triggerKind !== vscode.CompletionTriggerKind.TriggerCharacter) return true;
  return afterKey.test(document.lineAt(position.line).text.slice(0, position.character));
}
