import type { OffsetEdit } from '../text/types';
import type { ParsedManifest } from '../yaml/manifest';
import { decide, type Decision, type MeshRequest, type Scope } from './decide';
import { InjectionEditError, planInjectionEdit } from './edits';
import { findInjectionTargets } from './targets';
import type { InjectionTarget, NamespaceLookup } from './types';

/** What happened to one target: the decision, and why its change could not be made when it could not. */
export interface BatchOutcome {
  readonly target: InjectionTarget;
  readonly decision: Decision;
  readonly failure?: InjectionEditError;
}

export interface BatchPlan {
  readonly edits: OffsetEdit[];
  readonly outcomes: BatchOutcome[];
}

/**
 * Decides a request for each target and plans the changes as minimal edits, all on the same parse (each stays
 * inside its own object), so a file costs one parse. The editor and `meshaware inject` both come here.
 */
export function planRequest(parsed: ParsedManifest, targets: readonly InjectionTarget[], request: MeshRequest, scope: Scope): BatchPlan {
  const edits: OffsetEdit[] = [];
  const outcomes: BatchOutcome[] = [];
  for (const target of targets) {
    const decision = decide(target, request, scope);
    if (decision.kind !== 'change') {
      outcomes.push({ target, decision });
      continue;
    }
    try {
      // All of an object's edits or none: a move whose second half fails must not leave the first.
      const planned = decision.actions.flatMap((action) => planInjectionEdit(parsed, target, action));
      edits.push(...planned);
      outcomes.push({ target, decision });
    } catch (e) {
      if (!(e instanceof InjectionEditError)) throw e;
      outcomes.push({ target, decision, failure: e });
    }
  }
  return { edits, outcomes };
}

/** Every workload, Pod and Namespace of a file, like `linkerd inject` / `uninject` but as minimal edits. */
export function planBatch(parsed: ParsedManifest, request: MeshRequest, namespaces?: NamespaceLookup): BatchPlan {
  return planRequest(parsed, findInjectionTargets(parsed, namespaces), request, 'file');
}
