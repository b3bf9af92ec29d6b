import type { OffsetEdit } from '../text/types';
import { nodeAt, type ParsedManifest } from '../yaml/manifest';
import { INJECT_ANNOTATION, readInjectAnnotation } from './annotation';
import { InjectionEditError, planInjectionEdit } from './edits';
import { findInjectionTargets } from './targets';
import type { InjectionAction, InjectionTarget } from './types';

/** What `meshaware inject` does to every target of a file. */
export type BatchMode = { readonly kind: 'add'; readonly value: 'enabled' | 'ingress' } | { readonly kind: 'remove' };

/** What happened to one target. `failed` carries the InjectionEditError's message and offset. */
export interface BatchOutcome {
  readonly target: InjectionTarget;
  readonly result: 'injected' | 'uninjected' | 'unchanged' | 'skipped' | 'failed';
  readonly reason?: string;
  readonly offset?: number;
}

export interface BatchPlan {
  readonly edits: OffsetEdit[];
  readonly outcomes: BatchOutcome[];
}

/**
 * Plans one mode over every target of a file, like `linkerd inject` / `uninject` but as minimal edits:
 * all edits are planned on the same parse (each stays inside its own document), so a file costs one parse.
 */
export function planBatch(parsed: ParsedManifest, mode: BatchMode): BatchPlan {
  const edits: OffsetEdit[] = [];
  const outcomes: BatchOutcome[] = [];
  for (const target of findInjectionTargets(parsed)) {
    const decision = mode.kind === 'add' ? decideAdd(target, mode.value) : decideRemove(target);
    if (!('actions' in decision)) {
      outcomes.push({ target, ...decision });
      continue;
    }
    try {
      edits.push(...decision.actions.flatMap((action) => planInjectionEdit(parsed, target, action)));
      outcomes.push({ target, result: mode.kind === 'add' ? 'injected' : 'uninjected' });
    } catch (e) {
      if (!(e instanceof InjectionEditError)) throw e;
      outcomes.push({ target, result: 'failed', reason: e.message, offset: e.offset });
    }
  }
  return { edits, outcomes };
}

type Decision = { readonly actions: InjectionAction[] } | { readonly result: 'unchanged' | 'skipped'; readonly reason: string };

function decideAdd(target: InjectionTarget, value: 'enabled' | 'ingress'): Decision {
  const { state } = target;
  switch (state.kind) {
    case 'hostNetwork':
      return { result: 'skipped', reason: 'hostNetwork' };
    case 'disabled':
      return { result: 'skipped', reason: `${INJECT_ANNOTATION} is disabled` };
    case 'meshed':
      return state.value === value ? { result: 'unchanged', reason: `already ${value}` } : { actions: [{ kind: 'set', value }] };
    case 'misplaced':
      // The template has no annotation, so the removal takes the one on the workload itself: a move.
      return { actions: [{ kind: 'add', value }, { kind: 'remove' }] };
    default:
      return { actions: [{ kind: 'add', value }] };
  }
}

function decideRemove(target: InjectionTarget): Decision {
  const { doc } = target.document;
  const root = doc.contents ?? undefined;
  // The pod template's annotation, or a misplaced one on the workload itself (Pods and Namespaces: the same node).
  const annotated = readInjectAnnotation(doc, nodeAt(doc, root, target.podMetadataHost)) !== undefined || readInjectAnnotation(doc, root) !== undefined;
  return annotated ? { actions: [{ kind: 'remove' }] } : { result: 'unchanged', reason: `no ${INJECT_ANNOTATION} annotation` };
}
