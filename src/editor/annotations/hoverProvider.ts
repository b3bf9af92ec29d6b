import * as vscode from 'vscode';
import { ANNOTATIONS, findAnnotation, isLinkerdKey } from '../../core/annotations/catalog';
import { annotationPlaceAt } from '../../core/annotations/context';
import { annotationMarkdown, placementNote, valueMarkdown } from '../../core/annotations/describe';
import { closest } from '../../core/lint/suggest';
import type { ExtensionServices } from '../context';
import { offsetsToRange } from '../convert';

/** Documentation of Linkerd annotation keys and values in the `metadata.annotations` of Kubernetes objects. */
export function registerAnnotationHover(services: ExtensionServices): vscode.Disposable {
  const provider: vscode.HoverProvider = {
    provideHover(document, position) {
      const parsed = services.manifests.get(document);
      const place = annotationPlaceAt(parsed, document.offsetAt(position));
      if (!place || place.start === place.end) return undefined;
      const range = offsetsToRange(parsed.lines, place.start, place.end);
      const spec = findAnnotation(place.key);
      if (!spec) {
        if (place.kind !== 'key' || !isLinkerdKey(place.key)) return undefined;
        return new vscode.Hover(new vscode.MarkdownString(unknownKey(place.key)), range);
      }
      const text = place.kind === 'key' || place.value === undefined ? annotationMarkdown(spec) : valueMarkdown(spec, place.value);
      const note = placementNote(spec, place.block.host);
      return new vscode.Hover(new vscode.MarkdownString(note ? `${text}\n\n---\n\n$(warning) ${note}` : text, true), range);
    },
  };
  return vscode.languages.registerHoverProvider({ language: 'yaml' }, provider);
}

function unknownKey(key: string): string {
  const meant = closest(key, ANNOTATIONS.map((a) => a.key));
  const hint = meant ? `Did you mean \`${meant}\`?` : 'If you meant to configure the proxy, check the spelling.';
  return `**\`${key}\`** is not an annotation Linkerd's proxy injector reads. ${hint} Some \`linkerd.io/*\` annotations, such as \`linkerd.io/created-by\`, are written by Linkerd itself.`;
}
