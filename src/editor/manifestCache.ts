import type * as vscode from 'vscode';
import { parseManifest, type ParsedManifest } from '../core/yaml/manifest';

/**
 * Parses each open YAML document once per version, so code lenses, hovers, commands and diagnostics
 * share one parse instead of each re-reading the text.
 */
export class ManifestCache {
  private readonly entries = new Map<string, { version: number; parsed: ParsedManifest }>();

  get(document: vscode.TextDocument): ParsedManifest {
    const key = document.uri.toString();
    const hit = this.entries.get(key);
    if (hit && hit.version === document.version) return hit.parsed;
    const parsed = parseManifest(document.getText());
    this.entries.set(key, { version: document.version, parsed });
    return parsed;
  }

  forget(document: vscode.TextDocument): void {
    this.entries.delete(document.uri.toString());
  }
}
