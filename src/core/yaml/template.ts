import { isMap, isScalar, visit, type Document, type Node } from 'yaml';

/** Go/Helm template actions (`{{ … }}`) and Jinja statements (`{% … %}` at the start of a line). */
const MARKERS = /\{\{[\s\S]*?\}\}|^[ \t]*\{%/gm;
/** Kinds whose data values are free text that often holds someone else's templates (Alertmanager, nginx …). */
const FREE_TEXT_DATA: Readonly<Record<string, readonly string[]>> = { ConfigMap: ['data', 'binaryData'], Secret: ['data', 'stringData'] };

/**
 * Whether one document is a template (Helm, Go templates, Jinja), not YAML until rendered. Template syntax in
 * a comment or in a ConfigMap's or Secret's data values is text, not a template of this document; anywhere else
 * it is. Judged per document, so one templated document leaves the others of its file alone.
 */
export function isTemplatedDocument(text: string, doc: Document.Parsed, kind: string | undefined): boolean {
  const [start, , end] = doc.range;
  const source = text.slice(start, end);
  if (!source.includes('{{') && !source.includes('{%')) return false;
  const scalars: [number, number][] = [];
  visit(doc, {
    Scalar(_, node) {
      if (node.range) scalars.push([node.range[0], node.range[1]]);
    },
  });
  const inScalar = (at: number) => scalars.some(([s, e]) => s <= at && at < e);
  const freeText = freeTextRanges(doc, kind);
  for (const m of source.matchAll(MARKERS)) {
    const at = start + m.index + (m[0].length - m[0].trimStart().length);
    if (inScalar(at) ? !freeText.some(([s, e]) => s <= at && at < e) : !inComment(text, at, inScalar)) return true;
  }
  return false;
}

function freeTextRanges(doc: Document.Parsed, kind: string | undefined): [number, number][] {
  const root = doc.contents;
  if (!kind || !isMap(root)) return [];
  return (FREE_TEXT_DATA[kind] ?? []).flatMap((key) => {
    const value = root.items.find((p) => isScalar(p.key) && p.key.value === key)?.value as Node | null | undefined;
    return value?.range ? [[value.range[0], value.range[2]] as [number, number]] : [];
  });
}

/** Whether `at` follows a `#` that starts a comment on its line (at the line's start or after a space, not in a scalar). */
function inComment(text: string, at: number, inScalar: (at: number) => boolean): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  for (let i = text.indexOf('#', lineStart); i >= 0 && i < at; i = text.indexOf('#', i + 1)) {
    if ((i === lineStart || text[i - 1] === ' ' || text[i - 1] === '\t') && !inScalar(i)) return true;
  }
  return false;
}
