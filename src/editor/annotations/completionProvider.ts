import * as vscode from 'vscode';
import { ANNOTATIONS, appliesTo, findAnnotation, type AnnotationSpec } from '../../core/annotations/catalog';
import { annotationPlaceAt, type AnnotationPlace } from '../../core/annotations/context';
import { annotationMarkdown } from '../../core/annotations/describe';
import { yamlString } from '../../core/annotations/yamlValue';
import { scalarText } from '../../core/yaml/manifest';
import type { ExtensionServices } from '../context';
import { completionWanted } from '../completionTrigger';
import { offsetsToRange } from '../convert';

const AFTER_LINKERD_KEY = /linkerd\.io\/[\w.-]+["']?:\s$/;

/** Linkerd annotation keys, and the values of enumerated ones, inside `metadata.annotations` where Linkerd reads them. */
export function registerAnnotationCompletion(services: ExtensionServices): vscode.Disposable {
  const provider: vscode.CompletionItemProvider = {
    provideCompletionItems(document, position, _token, context) {
      if (!completionWanted(document, position, context, AFTER_LINKERD_KEY)) return undefined;
      const parsed = services.manifests.get(document);
      const place = annotationPlaceAt(parsed, document.offsetAt(position));
      const host = place?.block.host;
      if (!place || !host) return undefined;
      const range = offsetsToRange(parsed.lines, place.start, place.end);
      if (place.kind === 'value') return valueItems(place.key, parsed.text.slice(place.start, place.end), range);
      const present = new Set((place.block.map?.items ?? []).map((p) => scalarText(p.key)));
      return ANNOTATIONS.filter((spec) => appliesTo(spec, host) && (spec.key === place.key || !present.has(spec.key))).map((spec) => keyItem(spec, place, range));
    },
  };
  return vscode.languages.registerCompletionItemProvider({ language: 'yaml' }, provider, ' ');
}

function keyItem(spec: AnnotationSpec, place: AnnotationPlace & { kind: 'key' }, range: vscode.Range): vscode.CompletionItem {
  const item = new vscode.CompletionItem(spec.key, vscode.CompletionItemKind.Property);
  item.range = range;
  item.detail = spec.format;
  item.documentation = new vscode.MarkdownString(annotationMarkdown(spec));
  // The inject annotation first, renamed old keys last.
  item.sortText = `${spec.key === 'linkerd.io/inject' ? 0 : spec.deprecatedBy ? 2 : 1}${spec.key}`;
  if (spec.deprecatedBy) item.tags = [vscode.CompletionItemTag.Deprecated];
  item.insertText = place.hasValue ? spec.key : keyWithValue(spec);
  return item;
}

/** `key: value` with the value as a choice (enumerations, booleans) or a placeholder holding the example. */
function keyWithValue(spec: AnnotationSpec): vscode.SnippetString {
  const snippet = new vscode.SnippetString().appendText(`${spec.key}: `);
  if (!spec.values) return snippet.appendPlaceholder(yamlString(spec.example));
  const values = spec.values.map((v) => v.value);
  const ordered = [spec.example, ...values.filter((v) => v !== spec.example)];
  return snippet.appendChoice(ordered.map(yamlString));
}

function valueItems(key: string, typed: string, range: vscode.Range): vscode.CompletionItem[] | undefined {
  const spec = findAnnotation(key);
  if (!spec?.values) return undefined;
  const quoted = /^["']/.test(typed);
  return spec.values.map((v, i) => {
    const item = new vscode.CompletionItem(v.value, vscode.CompletionItemKind.EnumMember);
    item.range = range;
    item.insertText = yamlString(v.value);
    item.filterText = quoted ? yamlString(v.value) : v.value;
    item.documentation = new vscode.MarkdownString(v.description);
    item.sortText = String(i).padStart(2, '0');
    return item;
  });
}
