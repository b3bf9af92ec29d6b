/** The injection core behind "Add to mesh": which objects Linkerd injects, what to do with each, and the edits. */
export { INJECT_ANNOTATION, isInjectValue } from './annotation';
export { InjectionEditError, planInjectionEdit } from './edits';
export { findInjectionTargets, refOf, targetAt, targetByRef, targetLabel, targetUnderCursor } from './targets';
export type { Blocker, InjectionAction, InjectionTarget, InjectValue, MeshState, NamespaceLookup, TargetNote, TargetRef, TargetRole } from './types';
export { blockerReason, decide, type Decision, type MeshRequest, type Offer, type Scope } from './decide';
export { planBatch, planRequest, type BatchOutcome, type BatchPlan } from './batch';
