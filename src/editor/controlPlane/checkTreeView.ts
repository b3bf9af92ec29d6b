import * as vscode from 'vscode';
import type { CategoryResult, CheckReport, CheckResult, CheckStatus } from '../../core/lifecycle/checks';

type Node = { kind: 'category'; category: CategoryResult } | { kind: 'check'; check: CheckResult } | { kind: 'detail'; label: string; icon: string };

const ICONS: Record<CheckStatus, [string, string | undefined]> = {
  success: ['pass', 'testing.iconPassed'],
  warning: ['warning', 'list.warningForeground'],
  error: ['error', 'testing.iconFailed'],
  skipped: ['circle-slash', undefined],
};

/** The "Linkerd Health" tree: categories, then checks with their problem and hint as children. */
export class CheckTreeProvider implements vscode.TreeDataProvider<Node> {
  private report: CheckReport | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  show(report: CheckReport | undefined): void {
    this.report = report;
    this.changed.fire();
  }

  getChildren(node?: Node): Node[] {
    if (!this.report) return [];
    if (!node) return this.report.categories.map((category) => ({ kind: 'category', category }));
    if (node.kind === 'category') return node.category.checks.map((check) => ({ kind: 'check', check }));
    if (node.kind === 'check') {
      const out: Node[] = [];
      if (node.check.error) out.push({ kind: 'detail', label: node.check.error, icon: 'info' });
      if (node.check.hint) out.push({ kind: 'detail', label: node.check.hint, icon: 'lightbulb' });
      return out;
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'category') {
      const worst = worstOf(node.category.checks);
      const item = new vscode.TreeItem(node.category.categoryName, worst === 'success' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = icon(worst);
      item.description = `${node.category.checks.filter((c) => c.result === 'success').length}/${node.category.checks.length}`;
      return item;
    }
    if (node.kind === 'check') {
      const hasDetail = Boolean(node.check.error || node.check.hint);
      const item = new vscode.TreeItem(node.check.description, hasDetail ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      item.iconPath = icon(node.check.result);
      item.tooltip = [node.check.error, node.check.hint && `Hint: ${node.check.hint}`].filter(Boolean).join('\n') || undefined;
      item.accessibilityInformation = { label: `${node.check.description}: ${node.check.result}` };
      return item;
    }
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon(node.icon);
    item.tooltip = node.label;
    return item;
  }
}

function worstOf(checks: readonly CheckResult[]): CheckStatus {
  if (checks.some((c) => c.result === 'error')) return 'error';
  if (checks.some((c) => c.result === 'warning')) return 'warning';
  if (checks.every((c) => c.result === 'skipped')) return 'skipped';
  return 'success';
}

function icon(status: CheckStatus): vscode.ThemeIcon {
  const [id, color] = ICONS[status];
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}
