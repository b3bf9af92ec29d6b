import * as vscode from 'vscode';
import { toRange, toTextEdits } from '../convert';
import type { ExtensionServices } from '../context';
import type { LintDiagnostics } from './diagnostics';

/**
 * Quick fixes for lint diagnostics: the rule's own fix when it has one, and always a comment that
 * suppresses the code on that line.
 */
export function registerLintCodeActions(services: ExtensionServices, diagnostics: LintDiagnostics): vscode.Disposable {
  const provider: vscode.CodeActionProvider = {
    provideCodeActions(document, _range, context) {
      const ours = context.diagnostics.filter((d) => d.source === 'meshaware');
      if (!ours.length) return [];
      const lines = services.manifests.get(document).lines;
      const findings = diagnostics.findingsFor(document);
      const actions: vscode.CodeAction[] = [];
      for (const diagnostic of ours) {
        const code = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
        const finding = findings.find((f) => f.code === code && toRange(f.range).isEqual(diagnostic.range));
        if (finding?.fix) {
          const action = new vscode.CodeAction(finding.fix.title, vscode.CodeActionKind.QuickFix);
          action.edit = new vscode.WorkspaceEdit();
          action.edit.set(document.uri, toTextEdits(lines, finding.fix.edits));
          action.diagnostics = [diagnostic];
          action.isPreferred = true;
          actions.push(action);
        }
        actions.push(suppression(document, diagnostic, code));
      }
      return actions;
    },
  };
  return vscode.languages.registerCodeActionsProvider({ language: 'yaml' }, provider, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] });
}

/** Inserts `# meshaware-disable-next-line CODE` above the diagnostic's line, at that line's indentation. */
function suppression(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, code: string): vscode.CodeAction {
  const line = document.lineAt(diagnostic.range.start.line);
  const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex).replace(/-/g, ' ');
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const action = new vscode.CodeAction(`Suppress ${code} on this line`, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  action.edit.insert(document.uri, line.range.start, `${indent}# meshaware-disable-next-line ${code}${eol}`);
  action.diagnostics = [diagnostic];
  return action;
}
