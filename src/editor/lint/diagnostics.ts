import * as vscode from 'vscode';
import { LintSession } from '../../core/lint/session';
import type { Finding } from '../../core/lint/types';
import { toDiagnostic } from '../convert';
import type { ExtensionServices } from '../context';
import type { WorkspaceIndex } from '../workspaceIndex';
import { readLintSettings, type LintSettings } from './settings';

/** Typing pauses this long before an as-you-type lint. */
const TYPE_DELAY_MS = 250;
/**
 * In a file whose lint takes longer than usual (a generated bundle of a thousand policies takes most of a
 * second; bench/lintTyping.bench.ts), the pause grows to this many times the last lint, so linting never
 * takes more than about a third of the extension host's time while someone types.
 */
const SLOW_FILE_FACTOR = 2;

/**
 * Keeps the Problems view in step with the lint: files come from the workspace index (so cross-file checks see
 * the whole workspace and a closed file keeps the findings other files cause), open documents are linted on
 * open, as you type (after a pause) and on save, or only on open and save. Each change republishes only the files it can affect.
 */
export class LintDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('meshaware');
  private settings: LintSettings;
  private session: LintSession;
  private readonly typing = new Map<string, NodeJS.Timeout>();
  /** How long the last lint of each open document took, for the as-you-type pause. */
  private readonly lastLintMs = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(
    private readonly services: ExtensionServices,
    private readonly index: WorkspaceIndex,
  ) {
    this.settings = readLintSettings(services.log);
    this.session = new LintSession(this.settings.options);
    this.disposables.push(
      index.onDidChange((uris) => this.fromIndex(uris)),
      vscode.workspace.onDidOpenTextDocument((d) => this.fromDocument(d)),
      vscode.workspace.onDidSaveTextDocument((d) => this.fromDocument(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.lastLintMs.delete(d.uri.toString())),
      vscode.workspace.onDidChangeTextDocument((e) => this.settings.trigger === 'onType' && this.scheduleTyping(e.document)),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('meshaware.lint') && this.reconfigure()),
    );
    for (const d of vscode.workspace.textDocuments) this.fromDocument(d);
  }

  /** The findings behind the diagnostics of a document, when they were computed from its current text. */
  findingsFor(document: vscode.TextDocument): readonly Finding[] {
    const key = document.uri.toString();
    return this.session.text(key) === document.getText() ? this.session.findings(key) : [];
  }

  private fromIndex(uris: readonly vscode.Uri[]): void {
    if (!this.settings.enabled) return;
    const affected = new Set<string>();
    for (const uri of uris) {
      const key = uri.toString();
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      // On save only: an open, edited document is linted when saved, not from the index's copy of the edits.
      if (open?.isDirty && this.settings.trigger === 'onSave') continue;
      const parsed = this.index.resources.parsed(key);
      const changed = parsed ? this.session.setFile(key, parsed.text, parsed) : this.session.deleteFile(key);
      for (const u of changed) affected.add(u);
      if (!parsed) affected.add(key);
    }
    this.publish(affected);
  }

  private fromDocument(document: vscode.TextDocument): void {
    if (!this.settings.enabled || document.languageId !== 'yaml' || document.uri.scheme !== 'file') return;
    const started = performance.now();
    const parsed = this.services.manifests.get(document);
    this.publish(this.session.setFile(document.uri.toString(), parsed.text, parsed));
    this.lastLintMs.set(document.uri.toString(), performance.now() - started);
  }

  private scheduleTyping(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.typing.get(key));
    this.typing.set(
      key,
      setTimeout(() => {
        this.typing.delete(key);
        if (!document.isClosed) this.fromDocument(document);
      }, Math.max(TYPE_DELAY_MS, SLOW_FILE_FACTOR * (this.lastLintMs.get(key) ?? 0))),
    );
  }

  private reconfigure(): void {
    const previous = this.settings;
    this.settings = readLintSettings(this.services.log);
    if (!this.settings.enabled) {
      this.collection.clear();
      return;
    }
    if (!previous.enabled) {
      // Re-enabled: start over from the index and the open documents.
      this.session = new LintSession(this.settings.options);
      this.fromIndex([...this.index.resources.uris()].map((u) => vscode.Uri.parse(u)));
      for (const d of vscode.workspace.textDocuments) this.fromDocument(d);
      return;
    }
    this.publish(this.session.setOptions(this.settings.options));
  }

  private publish(uris: Iterable<string>): void {
    for (const key of uris) {
      const uri = vscode.Uri.parse(key);
      const findings = this.session.has(key) ? this.session.findings(key) : [];
      this.collection.set(uri, findings.map(toDiagnostic));
    }
  }

  dispose(): void {
    for (const t of this.typing.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
