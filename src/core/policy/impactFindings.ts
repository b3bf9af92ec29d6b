/**
 * The impact preview as lint findings (`meshaware lint --impact`): MA501 for observed requests the edited
 * policy would deny, MA502 for observed denials it would allow. Each points at the object that decides —
 * the Server (or the admitting authorization) — or, under a default policy, at the destination workload.
 */
import type { RuleInfo } from '../lint/rule';
import type { Finding } from '../lint/types';
import { LineIndex } from '../text/lineIndex';
import { describe } from './evaluate';
import type { ImpactItem } from './impact';
import type { PolicyOrigin } from './types';

export const NEWLY_DENIED: RuleInfo = { code: 'MA501', name: 'impact-newly-denied', category: 'impact', severity: 'warning', summary: 'Observed requests that are allowed now would be denied by the policy in the workspace.' };
export const NEWLY_ALLOWED: RuleInfo = { code: 'MA502', name: 'impact-newly-allowed', category: 'impact', severity: 'info', summary: 'Observed requests that are denied now would be allowed by the policy in the workspace.' };
export const AUDIT_WOULD_DENY: RuleInfo = { code: 'MA503', name: 'impact-audit-would-deny', category: 'impact', severity: 'info', summary: 'Observed requests that a Server in audit mode admits only because of it: they would be denied without audit mode.' };
export const IMPACT_CODES: readonly RuleInfo[] = [NEWLY_DENIED, NEWLY_ALLOWED, AUDIT_WOULD_DENY];

export const IMPACT_NOTE = 'Covers observed traffic only.';

/** An impact finding, with the changed flow in words as data: the message is the flow and IMPACT_NOTE. */
export interface ImpactFinding extends Finding {
  readonly flow: string;
}

/** Requests (`1.5 rps`) or connections (`0.50 conn/s`, two decimals as they are few) per second. */
function amount(n: number, protocol: ImpactItem['flow']['protocol']): string {
  if (protocol === 'tcp') return `${n.toFixed(2)} conn/s`;
  return `${n < 10 ? n.toFixed(1) : Math.round(n)} rps`;
}

/** Findings for impact items; `textOf` gives a file's text, `workloadOrigin` where a destination is written. */
export function impactFindings(items: readonly ImpactItem[], textOf: (uri: string) => string | undefined, workloadOrigin: (item: ImpactItem) => PolicyOrigin | undefined): ImpactFinding[] {
  const lines = new Map<string, LineIndex>();
  const out: ImpactFinding[] = [];
  for (const item of items) {
    const d = item.decision;
    const origin = (item.change === 'newly-allowed' ? d.authorization?.origin : undefined) ?? d.route?.origin ?? d.server.origin ?? workloadOrigin(item);
    const text = origin && textOf(origin.uri);
    if (!origin || text === undefined) continue;
    let index = lines.get(origin.uri);
    if (!index) lines.set(origin.uri, (index = new LineIndex(text)));
    const lineEnd = text.indexOf('\n', origin.offset);
    const end = lineEnd < 0 ? text.length : lineEnd;
    const { flow } = item;
    const rate = amount(item.perSecond, flow.protocol);
    const target = `${flow.caller} → ${item.destination.kind.toLowerCase()}/${item.destination.name}.${item.destination.namespace}:${item.port}${flow.route && flow.route !== 'default' ? ` (route ${flow.route})` : ''}`;
    const confirmed = flow.audited ? ` The proxies confirm it: they admitted these ${flow.protocol === 'tcp' ? 'connections' : 'requests'} by audit mode.` : '';
    const change = item.change === 'newly-denied'
      ? `Would deny ${rate} that is allowed now: ${target}. ${d.reason}${confirmed}`
      : item.change === 'audit'
        ? `${rate} would be denied (audit): ${target}. ${d.reason}${flow.audited ? confirmed : ' Apply it to have the proxies confirm it on real traffic, denying nothing.'}`
        : `Would allow ${rate} that is denied now: ${target}, by ${d.authorization ? describe(d.authorization) : describe(d.server)}.`;
    const info = item.change === 'newly-denied' ? NEWLY_DENIED : item.change === 'audit' ? AUDIT_WOULD_DENY : NEWLY_ALLOWED;
    out.push({ uri: origin.uri, code: info.code, severity: info.severity, start: origin.offset, end, range: index.range(origin.offset, end), message: `${change} ${IMPACT_NOTE}`, flow: change, resource: { kind: item.destination.kind, name: item.destination.name, namespace: item.destination.namespace } });
  }
  return out;
}
