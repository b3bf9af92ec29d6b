import { isScalar } from 'yaml';
import { detectEol } from '../text/lineIndex';
import type { OffsetEdit } from '../text/types';
import { aliasedAnchors, indentStep } from '../yaml/layout';
import { mapAt, pairOf, type ParsedManifest } from '../yaml/manifest';
import { INJECT_ANNOTATION, readInjectAnnotation } from './annotation';
import { InjectionEditError } from './editError';
import { editableMap, removeScalar, upsertScalar, type EditContext, type MapNode, type RenderValue } from './mapEdit';
import { targetLabel } from './targets';
import type { InjectionAction, InjectionTarget } from './types';
import { uninjectEdits } from './uninject';

export { InjectionEditError } from './editError';

const ANNOTATION_PATH = ['metadata', 'annotations', INJECT_ANNOTATION];

/**
 * The minimal text edits that carry out an action on one target. Throws InjectionEditError, with a message for
 * the user, when the edit is impossible or would change more than this object (a node shared through an alias).
 */
export function planInjectionEdit(parsed: ParsedManifest, target: InjectionTarget, action: InjectionAction): OffsetEdit[] {
  const { document } = target;
  const subject = targetLabel(target);
  if (parsed.templated) throw new InjectionEditError(`${subject}: the file is a template; edit the values it is rendered from`);
  if (document.errors.length) throw new InjectionEditError(`${subject}: the document has YAML syntax errors; fix them first`, document.errors[0].start);
  const { doc } = document;
  const loneCr = loneCarriageReturn(parsed.text, doc.range);
  if (loneCr >= 0) throw new InjectionEditError(`${subject}: a line ends with a lone carriage return (an old Mac line ending), so no line can be added after it safely; convert the file's line endings to LF or CRLF first`, loneCr);
  const ctx: EditContext = { text: parsed.text, doc, eol: eolOf(parsed), step: indentStep(doc, parsed.text), shared: aliasedAnchors(doc), subject };
  const object = editableMap(ctx, doc.contents, target.objectPath);
  const host = editableMap(ctx, object, target.podMetadataHost);
  const hostWhere = target.podMetadataHost.join('.');
  switch (action.kind) {
    case 'add':
    case 'set':
      return [upsertScalar(ctx, host, hostWhere, ANNOTATION_PATH, plain(action.value))];
    case 'remove': {
      // The pod template's annotation first; a misplaced one on the workload itself only when the template has none.
      const edits = removeScalar(ctx, host, hostWhere, ANNOTATION_PATH);
      if (edits.length) return edits;
      const misplaced = target.role === 'workload' ? removeScalar(ctx, object, '', ANNOTATION_PATH) : [];
      if (!misplaced.length) throw new InjectionEditError(`${subject} has no ${INJECT_ANNOTATION} annotation to remove`, target.anchorStart);
      return misplaced;
    }
    case 'moveToTemplate':
      return moveToTemplate(ctx, target, object, host, hostWhere);
    case 'uninject':
      return uninjectEdits(ctx, target, object, host);
  }
}

const eols = new WeakMap<ParsedManifest, string>();

/** The file's line break, counted once per parse: planning every target of a big file must not rescan it each time. */
function eolOf(parsed: ParsedManifest): string {
  let eol = eols.get(parsed);
  if (eol === undefined) {
    eol = detectEol(parsed.text);
    eols.set(parsed, eol);
  }
  return eol;
}

function plain(value: string): RenderValue {
  return (quote) => `${quote}${value}${quote}`;
}

/** Moves the workload's own annotation onto its pod template, written exactly as it was. */
function moveToTemplate(ctx: EditContext, target: InjectionTarget, object: MapNode, host: MapNode, hostWhere: string): OffsetEdit[] {
  const { doc } = target.document;
  const subject = ctx.subject;
  if (target.role !== 'workload') throw new InjectionEditError(`${subject} is not a workload with a pod template`, target.anchorStart);
  if (readInjectAnnotation(doc, host) !== undefined) throw new InjectionEditError(`${subject}: ${hostWhere} already has a ${INJECT_ANNOTATION} annotation`, host.range?.[0]);
  const annotations = mapAt(doc, object, ['metadata', 'annotations']);
  const value = annotations && pairOf(annotations, INJECT_ANNOTATION)?.value;
  if (!isScalar(value) || value.value === null || !value.range || value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED') {
    throw new InjectionEditError(`${subject}: metadata.annotations has no single-line ${INJECT_ANNOTATION} value to move`, value?.range?.[0] ?? target.anchorStart);
  }
  const source = ctx.text.slice(value.range[0], value.range[1]);
  const removal = removeScalar(ctx, object, '', ANNOTATION_PATH);
  if (!removal.length) throw new InjectionEditError(`${subject}: metadata.annotations has no ${INJECT_ANNOTATION} annotation`, target.anchorStart);
  return [...removal, upsertScalar(ctx, host, hostWhere, ANNOTATION_PATH, () => source)];
}

/** The offset of the first CR not followed by LF within the document, or -1: YAML breaks lines there, editors may not. */
function loneCarriageReturn(text: string, range: readonly number[] | undefined): number {
  const [start, , end] = range ?? [0, 0, text.length];
  for (let i = text.indexOf('\r', start); i >= 0 && i < end; i = text.indexOf('\r', i + 1)) if (text[i + 1] !== '\n') return i;
  return -1;
}
