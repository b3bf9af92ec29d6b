/** The injection core behind "Add to mesh": which objects Linkerd injects, and the edits that change that. */
export { INJECT_ANNOTATION, isInjectValue } from './annotation';
export { InjectionEditError, planInjectionEdit } from './edits';
export { findInjectionTargets, targetLabel } from './targets';
export type { InjectionAction, InjectionTarget, InjectValue, MeshState, NamespaceLookup, TargetRole } from './types';
export { planBatch, type BatchMode, type BatchOutcome, type BatchPlan } from './batch';
