import * as vscode from 'vscode';
import { countResults, EDITOR_ACTIONS, fixesOf, fixLabel, verdictText, type CategoryResult, type CheckFix, type CheckResult, type CheckStatus } from '../../core/lifecycle/checks';
import { wrapText } from '../../core/text/wrap';
import { CHECK_TITLES, type HealthRun, type HealthService } from './healthService';
import { CONTROL_PLANE_COMMANDS as C } from '../commandIds';

type Node =
  | { kind: 'category'; category: CategoryResult }
  | { kind: 'check'; check: CheckResult }
  | { kind: 'line'; text: string; icon?: vscode.ThemeIcon; tooltip: string | vscode.MarkdownString }
  | { kind: 'fix'; fix: CheckFix };

/**
 * Characters per line of a problem or hint: they sit three levels deep, and at the side bar's default width
 * (about 300 px) a longer line (of pod names, say) would be cut with an ellipsis. The header sits at the top level.
 */
const WRAP = 27;
const HEADER_WRAP = 32;

const ICONS: Record<CheckStatus, [string, string | undefined]> = {
  success: ['pass', 'testing.iconPassed'],
  warning: ['warning', 'list.warningForeground'],
  error: ['error', 'testing.iconFailed'],
  skipped: ['circle-slash', undefined],
};

/**
 * The "Linkerd Health" tree: a header (which check, on which context, when, and its outcome), the categories, then
 * checks with their problem and hint as wrapped lines, and what can be done about them as clickable rows.
 */
export class CheckTreeProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly health: HealthService) {
    health.onDidChange(() => this.changed.fire());
  }

  getChildren(node?: Node): Node[] {
    const run = this.health.current;
    if (!run) return [];
    if (!node) return [...headerOf(run), ...run.report.categories.map((category) => ({ kind: 'category' as const, category }))];
    if (node.kind === 'category') return node.category.checks.map((check) => ({ kind: 'check', check }));
    if (node.kind === 'check') return detailsOf(node.check);
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'category': {
        const worst = worstOf(node.category.checks);
        const item = new vscode.TreeItem(node.category.categoryName, worst === 'success' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = statusIcon(worst);
        item.description = `${node.category.checks.filter((c) => c.result === 'success').length}/${node.category.checks.length}`;
        item.tooltip = `${node.category.categoryName}: ${item.description} passed`;
        return item;
      }
      case 'check': {
        const hasDetail = Boolean(node.check.error || node.check.hint);
        const item = new vscode.TreeItem(node.check.description, hasDetail ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.iconPath = statusIcon(node.check.result);
        item.tooltip = checkTooltip(node.check);
        item.accessibilityInformation = { label: `${node.check.description}: ${node.check.result}` };
        return item;
      }
      case 'line': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        // Continuation lines keep the text aligned under the first line's.
        item.iconPath = node.icon ?? new vscode.ThemeIcon('blank');
        item.tooltip = node.tooltip;
        return item;
      }
      case 'fix': {
        const item = new vscode.TreeItem(fixLabel(node.fix), vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(node.fix.action === 'restart' ? 'debug-restart' : 'run');
        item.contextValue = 'meshaware.checkFix';
        item.command = { command: C.runCheckFix, title: fixLabel(node.fix), arguments: [node.fix] };
        item.tooltip = fixTooltip(node.fix);
        return item;
      }
    }
  }
}

/** The problem and hint, each wrapped to the view's width, then a row per action that does what the hint says. */
function detailsOf(check: CheckResult): Node[] {
  const lines = (text: string, first: string, tooltip: string): Node[] =>
    wrapText(text, WRAP).map((t, i) => ({ kind: 'line', text: t, icon: i === 0 ? new vscode.ThemeIcon(first) : undefined, tooltip }));
  return [
    ...(check.error ? lines(check.error, 'info', check.error) : []),
    ...(check.hint ? lines(check.hint, 'lightbulb', `Hint: ${check.hint}`) : []),
    ...fixesOf(check, EDITOR_ACTIONS).map((fix) => ({ kind: 'fix' as const, fix })),
  ];
}

/** Which check ran on which context, when, and how it went: "Linkerd check of kind-dev at 14:03:12: 1 warning". */
function headerOf(run: HealthRun): Node[] {
  const counts = countResults(run.report);
  const time = run.at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  const verdict = run.running ? 'checking…' : verdictText(counts);
  const icon = run.running ? new vscode.ThemeIcon('sync~spin') : statusIcon(counts.errors ? 'error' : counts.warnings ? 'warning' : 'success');
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${CHECK_TITLES[run.kind]}** of `).appendText(run.context).appendMarkdown(` at ${time}`);
  md.appendMarkdown(run.running ? '  \nRunning…' : `  \n${counts.passed} passed, ${counts.warnings} warnings, ${counts.errors} failed, ${counts.skipped} skipped.`);
  md.appendMarkdown('\n\nTaken again after Install, Upgrade, Rotate, Uninstall, a restart and a context switch.');
  return wrapText(`${CHECK_TITLES[run.kind]} of ${run.context} at ${time}: ${verdict}`, HEADER_WRAP).map((text, i) => ({ kind: 'line', text, icon: i === 0 ? icon : undefined, tooltip: md }));
}

function checkTooltip(check: CheckResult): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**').appendText(check.description).appendMarkdown('**');
  if (check.error) md.appendMarkdown('\n\n').appendText(check.error);
  if (check.hint) md.appendMarkdown('\n\n*Hint:* ').appendText(check.hint);
  return md;
}

function fixTooltip(fix: CheckFix): string {
  if (fix.action !== 'restart') return `Runs "Meshaware: ${fixLabel(fix)}".`;
  return `Rollout restart, after asking: ${fix.workloads.map((w) => `${w.kind.toLowerCase()}/${w.name} (${w.namespace})`).join(', ')}`;
}

function worstOf(checks: readonly CheckResult[]): CheckStatus {
  if (checks.some((c) => c.result === 'error')) return 'error';
  if (checks.some((c) => c.result === 'warning')) return 'warning';
  if (checks.every((c) => c.result === 'skipped')) return 'skipped';
  return 'success';
}

function statusIcon(status: CheckStatus): vscode.ThemeIcon {
  const [id, color] = ICONS[status];
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}
