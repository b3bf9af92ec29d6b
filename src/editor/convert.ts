import * as vscode from 'vscode';
import type { OffsetEdit, Position, Range } from '../core/text/types';
import type { LineIndex } from '../core/text/lineIndex';
import { ruleDocUrl } from '../core/lint/docs';
import type { Finding, Severity } from '../core/lint/types';

/** The one place that turns core types into VS Code types. */
export function toPosition(p: Position): vscode.Position {
  return new vscode.Position(p.line, p.character);
}

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(toPosition(r.start), toPosition(r.end));
}

/** A span of a workspace file (a core `Place`) as a location to open. */
export function toLocation(p: { readonly uri: string; readonly range: Range }): vscode.Location {
  return new vscode.Location(vscode.Uri.parse(p.uri), toRange(p.range));
}

export function offsetsToRange(lines: LineIndex, start: number, end: number): vscode.Range {
  return toRange(lines.range(start, end));
}

export function toTextEdits(lines: LineIndex, edits: readonly OffsetEdit[]): vscode.TextEdit[] {
  return edits.map((e) => vscode.TextEdit.replace(offsetsToRange(lines, e.start, e.end), e.newText));
}

export function fromPosition(p: vscode.Position): Position {
  return { line: p.line, character: p.character };
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** A lint finding as a diagnostic: its code links to the rule's documentation page. */
export function toDiagnostic(f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f.range), f.message, SEVERITY[f.severity]);
  d.source = 'meshaware';
  d.code = { value: f.code, target: vscode.Uri.parse(ruleDocUrl(f.code)) };
  return d;
}
