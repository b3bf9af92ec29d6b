import { setTimeout as sleep } from 'node:timers/promises';
import type { ClusterClient } from '../cluster/client';
import type { WorkloadRef } from '../workloadKinds';
import type { CallOptions } from '../cluster/transport';
import { plural } from '../text/plural';

/** The outcome of one check, as `linkerd check -o json` reports it. */
export type CheckStatus = 'success' | 'warning' | 'error' | 'skipped';

export interface CheckResult {
  readonly description: string;
  readonly result: CheckStatus;
  /** What is wrong, when not a success. */
  readonly error?: string;
  /** What to do about it. */
  readonly hint?: string;
  /** An action that does what the hint says, when it names more than a lifecycle command (the workloads to restart). */
  readonly fix?: CheckFix;
}

/** What a hint asks for, as something the editor can offer to do: a lifecycle command, or restarting workloads. */
export type CheckFix = { readonly action: 'install' | 'upgrade' | 'rotateIssuer' } | { readonly action: 'restart'; readonly workloads: readonly WorkloadRef[] };

export interface CategoryResult {
  readonly categoryName: string;
  readonly checks: readonly CheckResult[];
}

export interface CheckReport {
  readonly success: boolean;
  readonly categories: readonly CategoryResult[];
}

/**
 * How hints name the actions a user can take: the editor's commands, or the CLI's. Checks word their hints
 * through it, so a CLI user is never sent to a command palette or an output channel they do not have.
 */
export interface Actions {
  readonly install: string;
  readonly upgrade: string;
  readonly rotateIssuer: string;
  /** Where the failed API request can be seen. */
  readonly requestLog: string;
}

export const EDITOR_ACTIONS: Actions = {
  install: 'run "Meshaware: Install Linkerd"',
  upgrade: 'run "Meshaware: Upgrade Linkerd"',
  rotateIssuer: 'run "Meshaware: Rotate Identity Issuer"',
  requestLog: 'The "Meshaware" output channel shows the request that failed.',
};

export const CLI_ACTIONS: Actions = {
  install: 'run `meshaware install`',
  upgrade: 'run `meshaware upgrade`',
  rotateIssuer: 'run `meshaware rotate-issuer`',
  requestLog: 'Re-run with --verbose to see each API request.',
};

/** What every check can use: the cluster, the cancellation signal and how to word its hints. */
export interface CheckContext {
  readonly client: ClusterClient;
  readonly call: CallOptions;
  /** Facts earlier checks found, for later ones (e.g. the nodes' container runtimes). */
  readonly facts: Map<string, unknown>;
  readonly actions: Actions;
}

/** A check that returns a failure instead of throwing; `fatal` failures stop the run, as in `linkerd check`. */
export interface Check {
  readonly description: string;
  readonly fatal?: boolean;
  /**
   * Tried again while it fails, as the checks Linkerd gives a `retryDeadline` (pods starting, a rollout
   * finishing): a check run right after install or upgrade waits for the cluster instead of failing.
   */
  readonly retry?: boolean;
  run(ctx: CheckContext): Promise<Omit<CheckResult, 'description'>>;
}

export interface Category {
  readonly name: string;
  readonly checks: readonly Check[];
}

export const ok = (): Omit<CheckResult, 'description'> => ({ result: 'success' });
export const fail = (error: string, hint: string, fix?: CheckFix): Omit<CheckResult, 'description'> => ({ result: 'error', error, hint, ...(fix && { fix }) });
export const warn = (error: string, hint: string, fix?: CheckFix): Omit<CheckResult, 'description'> => ({ result: 'warning', error, hint, ...(fix && { fix }) });
export const skip = (reason: string): Omit<CheckResult, 'description'> => ({ result: 'skipped', error: reason });

/** Follows a run as it goes: each result as soon as it is known, and a check that is taking long. */
export interface CheckListener {
  result?(category: string, result: CheckResult): void;
  /** A check has been running for `elapsed` seconds; said once per check, after `slowAfterMs`. */
  slow?(category: string, description: string, elapsed: number): void;
}

export interface RunOptions {
  /** The whole run's deadline: the check running then is cut short, the rest are not run. */
  readonly deadlineMs?: number;
  readonly slowAfterMs?: number;
  /** How long a `retry` check is tried again while it fails (never past the deadline). */
  readonly retryForMs?: number;
}

export const DEFAULT_CHECK_DEADLINE_MS = 60_000;
const DEFAULT_SLOW_AFTER_MS = 5_000;
const DEFAULT_RETRY_FOR_MS = 30_000;
/** Between two tries of a failing `retry` check (Linkerd waits 5 s; the API server answers in milliseconds). */
const RETRY_WAIT_MS = 1_000;

/** A duration for people: whole seconds, or tenths below ten. */
const seconds = (ms: number) => `${ms < 10_000 ? (ms / 1000).toFixed(1).replace(/\.0$/, '') : Math.round(ms / 1000)} s`;

/**
 * Runs categories in order, reporting each result as it comes. A check that throws is reported as an error
 * with its message; a fatal error marks the rest skipped, because later checks would only repeat the same
 * cause. The run is bounded: at the deadline the running check fails, naming itself, and the rest are skipped.
 */
export async function runChecks(categories: readonly Category[], ctx: CheckContext, listener: CheckListener = {}, options: RunOptions = {}): Promise<CheckReport> {
  const deadlineMs = options.deadlineMs ?? DEFAULT_CHECK_DEADLINE_MS;
  const slowAfterMs = options.slowAfterMs ?? DEFAULT_SLOW_AFTER_MS;
  const retryForMs = options.retryForMs ?? DEFAULT_RETRY_FOR_MS;
  const deadline = new AbortController();
  const deadlineAt = Date.now() + deadlineMs;
  const timer = setTimeout(() => deadline.abort(), deadlineMs);
  const signal = ctx.call.signal ? AbortSignal.any([ctx.call.signal, deadline.signal]) : deadline.signal;
  const bounded: CheckContext = { ...ctx, call: { ...ctx.call, signal } };
  const out: CategoryResult[] = [];
  let stopped: string | undefined;
  try {
    for (const category of categories) {
      const checks: CheckResult[] = [];
      for (const check of category.checks) {
        let r: CheckResult;
        if (stopped) {
          r = { description: check.description, ...skip(stopped) };
        } else {
          r = { description: check.description, ...(await runOne(check, category.name, bounded, listener, { slowAfterMs, deadline: deadline.signal, deadlineMs, deadlineAt, retryForMs })) };
          if (deadline.signal.aborted && !ctx.call.signal?.aborted) stopped = `not run: the ${seconds(deadlineMs)} deadline passed while "${check.description}" ran`;
          else if (r.result === 'error' && check.fatal) stopped = `skipped: "${check.description}" failed`;
        }
        checks.push(r);
        listener.result?.(category.name, r);
      }
      out.push({ categoryName: category.name, checks });
    }
  } finally {
    clearTimeout(timer);
  }
  const success = out.every((c) => c.checks.every((k) => k.result !== 'error'));
  return { success, categories: out };
}

interface Bounds {
  readonly slowAfterMs: number;
  readonly deadline: AbortSignal;
  readonly deadlineMs: number;
  readonly deadlineAt: number;
  readonly retryForMs: number;
}

async function runOne(check: Check, category: string, ctx: CheckContext, listener: CheckListener, bounds: Bounds): Promise<Omit<CheckResult, 'description'>> {
  const { slowAfterMs, deadline, deadlineMs } = bounds;
  const started = Date.now();
  const slow = setTimeout(() => listener.slow?.(category, check.description, (Date.now() - started) / 1000), slowAfterMs);
  // A check stuck in a request that ignores the signal still ends at the deadline.
  let onDeadline: () => void = () => undefined;
  const cut = new Promise<'deadline'>((resolve) => {
    onDeadline = () => resolve('deadline');
    deadline.addEventListener('abort', onDeadline, { once: true });
  });
  try {
    const r = await Promise.race([tryUntilSuccess(check, ctx, started, bounds), cut]);
    if (r !== 'deadline') return r;
    throw deadline;
  } catch (e) {
    if (deadline.aborted) {
      return fail(
        `Did not finish: the whole check has a ${seconds(deadlineMs)} deadline, and this check was still running after ${seconds(Date.now() - started)}.`,
        `The API server answers slowly. ${ctx.actions.requestLog}`,
      );
    }
    throw e;
  } finally {
    clearTimeout(slow);
    deadline.removeEventListener('abort', onDeadline);
  }
}

/** Runs the check; a `retry` check that fails is run again after a pause while the budget allows. */
async function tryUntilSuccess(check: Check, ctx: CheckContext, started: number, bounds: Bounds): Promise<Omit<CheckResult, 'description'>> {
  const until = Math.min(started + bounds.retryForMs, bounds.deadlineAt - RETRY_WAIT_MS);
  for (let tries = 1; ; tries++) {
    const r = await runSettled(check, ctx);
    const failing = r.result === 'error' || r.result === 'warning';
    if (!check.retry || !failing || Date.now() + RETRY_WAIT_MS > until) {
      return tries > 1 && failing ? { ...r, error: `${r.error} (still so after ${tries} tries in ${seconds(Date.now() - started)})` } : r;
    }
    await sleep(RETRY_WAIT_MS, undefined, { signal: ctx.call.signal });
  }
}

/** A check's result, with a thrown error (but not a cancellation) as a failure carrying its message. */
async function runSettled(check: Check, ctx: CheckContext): Promise<Omit<CheckResult, 'description'>> {
  try {
    return await check.run(ctx);
  } catch (e) {
    if (ctx.call.signal?.aborted) throw e;
    const err = e as { userMessage?: string; hint?: string; message?: string };
    const message = err.hint !== undefined && err.message ? err.message : (err.userMessage ?? (e instanceof Error ? e.message : String(e)));
    return fail(message, err.hint || ctx.actions.requestLog);
  }
}

const LIFECYCLE_FIXES = ['install', 'upgrade', 'rotateIssuer'] as const;

/**
 * What can be done about a result: its own fix, and each lifecycle command its hint tells the user to run (hints
 * word those through `actions`, so the wording found is the one the checks used).
 */
export function fixesOf(r: CheckResult, actions: Actions): CheckFix[] {
  const named = LIFECYCLE_FIXES.filter((a) => r.hint?.includes(actions[a])).map((action) => ({ action }));
  return [...(r.fix ? [r.fix] : []), ...named.filter((f) => f.action !== r.fix?.action)];
}

/** The button of a fix: "Restart 4 workloads", "Upgrade Linkerd". */
export function fixLabel(fix: CheckFix): string {
  switch (fix.action) {
    case 'restart':
      return `Restart ${plural(fix.workloads.length, 'workload')}`;
    case 'install':
      return 'Install Linkerd';
    case 'upgrade':
      return 'Upgrade Linkerd';
    case 'rotateIssuer':
      return 'Rotate Identity Issuer';
  }
}

export interface CheckCounts {
  readonly passed: number;
  readonly warnings: number;
  readonly errors: number;
  readonly skipped: number;
}

export function countResults(report: CheckReport): CheckCounts {
  const all = report.categories.flatMap((c) => c.checks);
  const n = (s: CheckStatus) => all.filter((k) => k.result === s).length;
  return { passed: n('success'), warnings: n('warning'), errors: n('error'), skipped: n('skipped') };
}

/** A run's outcome in a few words: "all passed", "1 warning", "2 failed, 1 warning". */
export function verdictText(c: CheckCounts): string {
  if (!c.errors && !c.warnings) return c.passed ? 'all passed' : 'nothing checked';
  return [c.errors ? `${c.errors} failed` : '', c.warnings ? plural(c.warnings, 'warning') : ''].filter(Boolean).join(', ');
}

const MARK: Record<CheckStatus, string> = { success: '√', warning: '‼', error: '×', skipped: '-' };

/** One check as `linkerd check` prints it: √ / ‼ / ×, with the problem and the hint indented under it. */
export function formatCheck(k: CheckResult): string {
  return [`${MARK[k.result]} ${k.description}`, ...(k.error ? [`    ${k.error}`] : []), ...(k.hint ? [`    see: ${k.hint}`] : [])].join('\n') + '\n';
}

export function formatCategory(name: string): string {
  return `${name}\n${'-'.repeat(name.length)}\n`;
}

export function formatVerdict(report: CheckReport): string {
  return report.success ? 'Status check results are √\n' : 'Status check results are ×\n';
}

/** Text like `linkerd check`'s: each category, its checks, and the verdict. */
export function formatReport(report: CheckReport): string {
  return report.categories.map((c) => `${formatCategory(c.categoryName)}${c.checks.map(formatCheck).join('')}\n`).join('') + formatVerdict(report);
}
