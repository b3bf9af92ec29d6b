import * as vscode from 'vscode';
import { valueCompletionAt } from '../../core/lint/valueCompletion';
import type { ExtensionServices } from '../context';
import { completionWanted } from '../completionTrigger';
import { offsetsToRange } from '../convert';

/** A key followed by `: `, where a value is about to be typed. */
const AFTER_KEY = /[\w"']:\s$/;

/** Values of fields with a fixed set (proxyProtocol, reference kinds and groups, schema enums) in Linkerd and Gateway API objects. */
export function registerValueCompletion(services: ExtensionServices): vscode.Disposable {
  const provider: vscode.CompletionItemProvider = {
    provideCompletionItems(document, position, _token, context) {
      if (!completionWanted(document, position, context, AFTER_KEY)) return undefined;
      const parsed = services.manifests.get(document);
      const found = valueCompletionAt(parsed, document.offsetAt(position));
      if (!found) return undefined;
      const range = offsetsToRange(parsed.lines, found.start, found.end);
      const quote = /^["']/.exec(parsed.text.slice(found.start, found.end))?.[0];
      return found.choices.map((choice, i) => {
        const item = new vscode.CompletionItem(choice.value, vscode.CompletionItemKind.EnumMember);
        item.range = range;
        item.insertText = quote ? `${quote}${choice.value}${quote}` : choice.value;
        item.filterText = item.insertText;
        item.sortText = String(i).padStart(3, '0');
        item.detail = choice.isDefault ? `${found.field} (default)` : found.field;
        if (found.description) item.documentation = new vscode.MarkdownString(found.description);
        return item;
      });
    },
  };
  return vscode.languages.registerCompletionItemProvider({ language: 'yaml' }, provider, ' ');
}
