import { INJECT_ANNOTATION } from './annotation';
import { CONTROL_PLANE_LABEL } from './podFacts';
import type { Blocker, InjectionAction, InjectionTarget, TargetNote } from './types';

/** What the user asked for: mesh the object (with the value to write), or take it out of the mesh. */
export type MeshRequest = { readonly kind: 'add'; readonly value: 'enabled' | 'ingress' } | { readonly kind: 'remove' };

/**
 * `object`: the user named this one object (its lens, the command on it). `file`: every object of a file, as
 * "Add All Workloads in File" and `meshaware inject` do; there an explicit opt-out (`disabled`) is respected,
 * as `linkerd inject` does (pkg/inject/report.go, `InjectDisabled`).
 */
export type Scope = 'object' | 'file';

/** A different change that does what the user wants, offered instead (a button in the editor, a hint in the CLI). */
export interface Offer {
  readonly title: string;
  readonly action: InjectionAction;
}

/**
 * The one decision of Add to mesh / Remove from mesh for one object, which the editor and the CLI only render.
 * `refused`: Linkerd would not inject it (the CLI exits non-zero, as `linkerd inject` does); `unchanged`: it is
 * already as asked, or was deliberately opted out. Warnings go with a change the user should know about.
 */
export type Decision = (
  | { readonly kind: 'change'; readonly actions: readonly InjectionAction[] }
  | { readonly kind: 'unchanged'; readonly reason: string; readonly offer?: Offer }
  | { readonly kind: 'refused'; readonly reason: string; readonly offer?: Offer }
) & { readonly warnings: readonly TargetNote[] };

type Verdict = { readonly kind: 'change'; readonly actions: readonly InjectionAction[] } | { readonly kind: 'unchanged' | 'refused'; readonly reason: string; readonly offer?: Offer };

const REMOVE_PROXY: Offer = { title: 'Remove Injected Proxy', action: { kind: 'uninject' } };
const OPT_OUT: Offer = { title: 'Opt Out', action: { kind: 'set', value: 'disabled' } };

export function decide(target: InjectionTarget, request: MeshRequest, scope: Scope): Decision {
  const verdict = request.kind === 'add' ? decideAdd(target, request.value, scope) : decideRemove(target);
  // Duplicate keys are worth knowing whatever happens; UDP only when the pod is (or stays) meshed.
  const warnings = [...target.duplicateKeys];
  if (request.kind === 'add' && verdict.kind !== 'refused' && target.udpPorts.length) {
    warnings.push({
      message: `declares ${target.udpPorts.join(', ')}: Linkerd injects the pod, but UDP bypasses the proxy, so that traffic gets no mTLS and no policy`,
      offset: target.anchorStart,
    });
  }
  return { ...verdict, warnings };
}

function change(...actions: InjectionAction[]): Verdict {
  return { kind: 'change', actions };
}

function decideAdd(target: InjectionTarget, value: 'enabled' | 'ingress', scope: Scope): Verdict {
  const { state } = target;
  switch (state.kind) {
    case 'blocked':
      return refusal(state.blockers);
    case 'unmeshed':
      return change({ kind: 'add', value });
    case 'meshed':
      return state.value === value ? { kind: 'unchanged', reason: `already ${value}` } : change({ kind: 'set', value });
    case 'meshedViaNamespace':
      return state.value === value ? { kind: 'unchanged', reason: `meshed through namespace ${state.namespace} (${INJECT_ANNOTATION}: ${value})` } : change({ kind: 'add', value });
    case 'disabled':
      return scope === 'file' ? { kind: 'unchanged', reason: `opted out with ${INJECT_ANNOTATION}: disabled` } : change({ kind: 'set', value });
    case 'invalid':
      return change({ kind: 'set', value });
    case 'misplaced':
      if (state.value === value) return change({ kind: 'moveToTemplate' });
      if (state.value === 'disabled' && scope === 'file') {
        return { kind: 'unchanged', reason: `opted out with ${INJECT_ANNOTATION}: disabled on the ${target.kind}'s own metadata, where Linkerd does not read it; move it to the pod template to make it count` };
      }
      // The template has no annotation, so the removal takes the one on the workload itself: a replacement.
      return change({ kind: 'add', value }, { kind: 'remove' });
  }
}

function decideRemove(target: InjectionTarget): Verdict {
  const { state } = target;
  switch (state.kind) {
    case 'blocked': {
      const [first] = state.blockers;
      if (first.kind === 'controlPlane') return refusal(state.blockers);
      if (state.blockers.some((b) => b.kind === 'manualProxy')) return change({ kind: 'uninject' });
      return target.annotation !== undefined && target.annotation !== 'disabled' ? change({ kind: 'remove' }) : { kind: 'unchanged', reason: 'not in the Linkerd mesh' };
    }
    case 'misplaced':
      // A misplaced opt-out is kept, as Add keeps it: it says what the user wants, in the wrong place.
      return state.value === 'disabled' ? { kind: 'unchanged', reason: `opted out (${INJECT_ANNOTATION}: disabled, on the ${target.kind}'s own metadata)` } : change({ kind: 'remove' });
    case 'meshed':
    case 'invalid':
      return change({ kind: 'remove' });
    case 'meshedViaNamespace':
      return {
        kind: 'unchanged',
        reason: `it has no ${INJECT_ANNOTATION} of its own: namespace ${state.namespace} meshes it; set ${INJECT_ANNOTATION}: disabled on it to opt out`,
        offer: OPT_OUT,
      };
    case 'disabled':
      return { kind: 'unchanged', reason: `already opted out (${INJECT_ANNOTATION}: disabled)` };
    case 'unmeshed':
      return { kind: 'unchanged', reason: `no ${INJECT_ANNOTATION} annotation` };
  }
}

/** Every reason, as `linkerd inject` lists them; a control-plane component's proxy and the rest are Linkerd's own. */
function refusal(blockers: readonly Blocker[]): Verdict {
  if (blockers[0].kind === 'controlPlane') return { kind: 'refused', reason: blockerReason(blockers[0]) };
  const reason = blockers.map(blockerReason).join('; ');
  return blockers.some((b) => b.kind === 'manualProxy') ? { kind: 'refused', reason, offer: REMOVE_PROXY } : { kind: 'refused', reason };
}

/** Why Linkerd would not inject, in words that also say what to do. */
export function blockerReason(blocker: Blocker): string {
  switch (blocker.kind) {
    case 'controlPlane':
      return `it is Linkerd's own control-plane component '${blocker.component}' (label ${CONTROL_PLANE_LABEL}), whose proxy Linkerd's install adds`;
    case 'hostNetwork':
      return "hostNetwork is enabled: the pod uses the node's network, where the proxy cannot intercept its traffic";
    case 'manualProxy':
      return `it already has a Linkerd proxy written into the manifest (container ${blocker.container}, as \`linkerd inject --manual\` writes it); remove that first, then add the annotation`;
    case 'otherSidecar':
      return `it already runs another mesh's sidecar (container ${blocker.container}); a pod can be in only one mesh`;
  }
}
