import * as vscode from 'vscode';
import { documentAt, type ManifestDocument, type ParsedManifest } from '../core/yaml/manifest';
import type { ManifestCache } from './manifestCache';

/** A manifest a command acts on, with the cursor's offset when it is the active editor's. */
export interface ActiveManifest {
  readonly document: vscode.TextDocument;
  readonly parsed: ParsedManifest;
  /** Where the cursor is, when `document` is in the active editor. */
  readonly offset?: number;
  /** The YAML document holding the cursor, found by `documentAt` (trailing lines count). */
  readonly current?: ManifestDocument;
}

/**
 * The manifest a command acts on: `uri`'s when a menu, lens or view names one, else the active editor's.
 * Undefined when there is neither.
 */
export async function activeManifest(manifests: ManifestCache, uri?: vscode.Uri): Promise<ActiveManifest | undefined> {
  const editor = vscode.window.activeTextEditor;
  const document = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
  if (!document) return undefined;
  const parsed = manifests.get(document);
  if (editor?.document.uri.toString() !== document.uri.toString()) return { document, parsed };
  const offset = document.offsetAt(editor.selection.active);
  return { document, parsed, offset, current: documentAt(parsed, offset) };
}
