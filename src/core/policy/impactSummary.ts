/** The "Policy impact" list shown before Apply to cluster: the impact findings of the file being applied. */
import { AUDIT_WOULD_DENY, NEWLY_ALLOWED, NEWLY_DENIED, type ImpactFinding } from './impactFindings';

const flows = (n: number) => `${n} observed flow${n === 1 ? '' : 's'}`;

/** Undefined when no observed flow changes verdict or relies on audit mode. */
export function impactSummary(findings: readonly ImpactFinding[]): string | undefined {
  const denied = findings.filter((f) => f.code === NEWLY_DENIED.code);
  const allowed = findings.filter((f) => f.code === NEWLY_ALLOWED.code);
  const audited = findings.filter((f) => f.code === AUDIT_WOULD_DENY.code);
  if (denied.length === 0 && allowed.length === 0 && audited.length === 0) return undefined;
  const list = (fs: readonly ImpactFinding[]) => fs.map((f) => `• ${f.flow}`).join('\n');
  return [
    'Policy impact (observed traffic only; callers that sent nothing recently are not covered):',
    ...(denied.length ? [`${flows(denied.length)} would be denied:`, list(denied)] : []),
    ...(allowed.length ? [`${flows(allowed.length)} would be newly allowed:`, list(allowed)] : []),
    ...(audited.length ? [`${flows(audited.length)} admitted only by audit mode (would be denied without it):`, list(audited)] : []),
  ].join('\n');
}
