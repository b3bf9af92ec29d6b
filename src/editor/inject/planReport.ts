import { plural } from '../../core/text/plural';
import { INJECT_ANNOTATION, targetLabel, type BatchOutcome, type BatchPlan, type InjectionTarget, type MeshRequest, type Offer } from '../../core/inject';

/** What the editor tells the user about a plan: one notification (or none), the button it offers, and log lines. */
export interface PlanReport {
  readonly message?: string;
  readonly severity: 'info' | 'warning';
  readonly offer?: { readonly target: InjectionTarget; readonly offer: Offer };
  readonly log: string[];
}

/** Objects named in one notification; the rest are counted, and all are in the log. */
const LISTED = 4;

/**
 * Renders the core's decisions for the notification: nothing when every object simply changed; otherwise what was
 * refused (and why), left alone, or could not be edited, and the warnings that go with changes. `lineOf` turns an
 * offset into a 1-based line for the log.
 */
export function describePlan(plan: BatchPlan, mesh: MeshRequest, lineOf: (offset: number) => number): PlanReport {
  const verb = mesh.kind === 'add' ? 'added to' : 'taken out of';
  const log = plan.outcomes.flatMap((o) => logLines(o, mesh, lineOf));
  const changed = plan.outcomes.filter((o) => o.decision.kind === 'change' && !o.failure);
  const refused = plan.outcomes.filter((o) => o.decision.kind === 'refused');
  const unchanged = plan.outcomes.filter((o) => o.decision.kind === 'unchanged');
  const failed = plan.outcomes.filter((o) => o.failure);
  const warnings = plan.outcomes.flatMap((o) => o.decision.warnings.map((w) => `${targetLabel(o.target)}: ${w.message}`));
  const offered = [...refused, ...unchanged].find((o) => o.decision.kind !== 'change' && o.decision.offer);
  const offer = offered && offered.decision.kind !== 'change' && offered.decision.offer ? { target: offered.target, offer: offered.decision.offer } : undefined;
  const severity = refused.length || failed.length || warnings.length ? 'warning' : 'info';

  if (plan.outcomes.length === 1) {
    const [o] = plan.outcomes;
    const label = targetLabel(o.target);
    const d = o.decision;
    const message = o.failure ? o.failure.message : d.kind === 'refused' ? `${label} cannot be ${verb} the mesh: ${d.reason}.` : d.kind === 'unchanged' ? `${label}: ${d.reason}.` : warnings.join(' ');
    return { message: message || undefined, severity, offer, log };
  }

  const parts: string[] = [];
  if (changed.length && (refused.length || failed.length || unchanged.length || warnings.length)) {
    parts.push(`${INJECT_ANNOTATION} ${mesh.kind === 'add' ? 'added to' : 'removed from'} ${plural(changed.length, 'object')}.`);
  }
  if (refused.length) parts.push(`Refused: ${listed(refused)}.`);
  if (failed.length) parts.push(`Could not change: ${failed.slice(0, LISTED).map((o) => o.failure!.message).join('; ')}${more(failed.length)}.`);
  if (unchanged.length) parts.push(`${changed.length || refused.length ? 'Left alone' : 'Nothing to change'}: ${listed(unchanged)}.`);
  if (warnings.length) parts.push(`Note: ${warnings.slice(0, LISTED).join('; ')}${more(warnings.length)}.`);
  return { message: parts.length ? parts.join(' ') : undefined, severity, offer, log };
}

function listed(outcomes: readonly BatchOutcome[]): string {
  return outcomes
    .slice(0, LISTED)
    .map((o) => `${targetLabel(o.target)} (${o.decision.kind === 'change' ? '' : o.decision.reason})`)
    .join('; ')
    .concat(more(outcomes.length));
}

function more(n: number): string {
  return n > LISTED ? `; and ${n - LISTED} more (the Meshaware log lists them)` : '';
}

/** One line per object, as `meshaware inject` reports it, after the line number the object starts on. */
function logLines(o: BatchOutcome, mesh: MeshRequest, lineOf: (offset: number) => number): string[] {
  const at = `${lineOf(o.target.anchorStart)}: ${targetLabel(o.target)}`;
  const d = o.decision;
  const head = o.failure ? `${at} failed: ${o.failure.message}` : d.kind === 'change' ? `${at} ${mesh.kind === 'add' ? 'injected' : 'uninjected'}` : `${at} ${d.kind}: ${d.reason}`;
  return [head, ...d.warnings.map((w) => `${lineOf(w.offset)}: warning: ${targetLabel(o.target)}: ${w.message}`)];
}
