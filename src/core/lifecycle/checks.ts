import type { ClusterClient } from '../cluster/client';
import type { CallOptions } from '../cluster/transport';

/** The outcome of one check, as `linkerd check -o json` reports it. */
export type CheckStatus = 'success' | 'warning' | 'error' | 'skipped';

export interface CheckResult {
  readonly description: string;
  readonly result: CheckStatus;
  /** What is wrong, when not a success. */
  readonly error?: string;
  /** What to do about it. */
  readonly hint?: string;
}

export interface CategoryResult {
  readonly categoryName: string;
  readonly checks: readonly CheckResult[];
}

export interface CheckReport {
  readonly success: boolean;
  readonly categories: readonly CategoryResult[];
}

/** What every check can use: the cluster and the cancellation signal. */
export interface CheckContext {
  readonly client: ClusterClient;
  readonly call: CallOptions;
  /** Facts earlier checks found, for later ones (e.g. the nodes' container runtimes). */
  readonly facts: Map<string, unknown>;
}

/** A check that returns a failure instead of throwing; `fatal` failures stop the run, as in `linkerd check`. */
export interface Check {
  readonly description: string;
  readonly fatal?: boolean;
  run(ctx: CheckContext): Promise<Omit<CheckResult, 'description'>>;
}

export interface Category {
  readonly name: string;
  readonly checks: readonly Check[];
}

export const ok = (): Omit<CheckResult, 'description'> => ({ result: 'success' });
export const fail = (error: string, hint: string): Omit<CheckResult, 'description'> => ({ result: 'error', error, hint });
export const warn = (error: string, hint: string): Omit<CheckResult, 'description'> => ({ result: 'warning', error, hint });

/**
 * Runs categories in order. A check that throws is reported as an error with its message; a fatal error
 * marks the rest skipped, because later checks would only repeat the same cause.
 */
export async function runChecks(categories: readonly Category[], ctx: CheckContext, onResult?: (category: string, r: CheckResult) => void): Promise<CheckReport> {
  const out: CategoryResult[] = [];
  let stopped: string | undefined;
  for (const category of categories) {
    const checks: CheckResult[] = [];
    for (const check of category.checks) {
      let r: CheckResult;
      if (stopped) {
        r = { description: check.description, result: 'skipped', error: `skipped: ${stopped}` };
      } else {
        try {
          r = { description: check.description, ...(await check.run(ctx)) };
        } catch (e) {
          if (ctx.call.signal?.aborted) throw e;
          const message = (e as { userMessage?: string }).userMessage ?? (e instanceof Error ? e.message : String(e));
          r = { description: check.description, result: 'error', error: message, hint: 'See the Meshaware log for the request that failed.' };
        }
        if (r.result === 'error' && check.fatal) stopped = `"${check.description}" failed`;
      }
      checks.push(r);
      onResult?.(category.name, r);
    }
    out.push({ categoryName: category.name, checks });
  }
  const success = out.every((c) => c.checks.every((k) => k.result !== 'error'));
  return { success, categories: out };
}

/** Text like `linkerd check`'s: one line per check with √ / ‼ / ×, hints indented under failures. */
export function formatReport(report: CheckReport): string {
  const mark: Record<CheckStatus, string> = { success: '√', warning: '‼', error: '×', skipped: '-' };
  const lines: string[] = [];
  for (const c of report.categories) {
    lines.push(c.categoryName, '-'.repeat(c.categoryName.length));
    for (const k of c.checks) {
      lines.push(`${mark[k.result]} ${k.description}`);
      if (k.error) lines.push(`    ${k.error}`);
      if (k.hint) lines.push(`    see: ${k.hint}`);
    }
    lines.push('');
  }
  lines.push(report.success ? 'Status check results are √' : 'Status check results are ×');
  return lines.join('\n') + '\n';
}
