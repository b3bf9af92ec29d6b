import * as vscode from 'vscode';
import { activity } from './activity';
import type { ClusterService, ClusterState } from './clusterService';
import { COMMANDS } from '../commandIds';
import { countResults, verdictText, type CheckCounts } from '../../core/lifecycle/checks';
import type { HealthRun, HealthService } from '../controlPlane/healthService';

/**
 * The status-bar item: the context in use, whether Linkerd is there and how its last check went (a warning or a
 * failure shows instead of the tick); a click switches context.
 */
export function registerClusterStatusBar(cluster: ClusterService, health: HealthService): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('meshaware.cluster', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Meshaware: Kubernetes context';
  item.command = COMMANDS.selectContext;
  const render = (s: ClusterState) => {
    const busy = activity.current;
    const run = lastCheck(s, health);
    const counts = run && countResults(run.report);
    item.text = busy ? `$(sync~spin) ${busy}` : statusText(s, counts);
    item.tooltip = statusTooltip(s, run);
    const expiring = expiringCertificate(s);
    item.backgroundColor = counts?.errors
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : expiring || counts?.warnings || (s.context && s.verdict && !s.verdict.local)
        ? new vscode.ThemeColor('statusBarItem.warningBackground')
        : undefined;
    item.show();
  };
  render(cluster.state);
  return vscode.Disposable.from(
    item,
    cluster.onDidChange(render),
    activity.onDidChange(() => render(cluster.state)),
    health.onDidChange(() => render(cluster.state)),
  );
}

/** The last finished check of the installed control plane on the context in use, while Linkerd is installed there. */
function lastCheck(s: ClusterState, health: HealthService): HealthRun | undefined {
  const run = health.forContext(s.context?.name);
  return run?.kind === 'installed' && s.linkerd?.installed ? run : undefined;
}

/** Linkerd's own warning threshold: `linkerd check` warns 60 days before either certificate expires. */
const EXPIRY_WARNING_DAYS = 60;

function expiringCertificate(s: ClusterState): string | undefined {
  if (!s.expiry) return undefined;
  if (s.expiry.issuerDays < EXPIRY_WARNING_DAYS) return `issuer expires in ${s.expiry.issuerDays} d`;
  if (s.expiry.anchorDays < EXPIRY_WARNING_DAYS) return `trust anchor expires in ${s.expiry.anchorDays} d`;
  return undefined;
}

function statusText(s: ClusterState, check: CheckCounts | undefined): string {
  if (!s.context) return '$(cloud) No cluster';
  const expiring = expiringCertificate(s);
  if (expiring) return `$(cloud) ${s.context.name} $(warning) ${expiring}`;
  const installed = check?.errors ? `$(error) Linkerd: ${check.errors} failed` : check?.warnings ? `$(warning) Linkerd: ${verdictText(check)}` : '$(check) Linkerd';
  const mesh = s.error ? '$(warning)' : s.linkerd === undefined ? '$(sync~spin)' : s.linkerd.installed ? installed : '$(circle-slash) no Linkerd';
  return `$(cloud) ${s.context.name} ${mesh}`;
}

/** The tooltip: context, server (never with credentials), kind, Linkerd, its last check and certificate state. */
export function statusTooltip(s: ClusterState, run?: HealthRun): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = false;
  if (!s.context) {
    md.appendText(s.error ? `${s.error}. ` : '');
    md.appendText('Click to pick a Kubernetes context.');
    return md;
  }
  md.appendMarkdown('**Context:** ').appendText(s.context.name).appendMarkdown('  \n**Server:** ').appendText(s.context.server ?? 'unknown');
  if (s.verdict) md.appendMarkdown('  \n**Kind:** ').appendText(s.verdict.local ? `local (${s.verdict.reason})` : `remote (${s.verdict.reason})`);
  if (s.error) md.appendMarkdown('  \n**Problem:** ').appendText(s.error);
  else if (s.linkerd) md.appendMarkdown('  \n**Linkerd:** ').appendText(s.linkerd.installed ? `installed${s.linkerd.version ? ` (${s.linkerd.version})` : ''}` : 'not installed');
  if (run) {
    const problems = run.report.categories.flatMap((c) => c.checks).filter((k) => k.result === 'error' || k.result === 'warning');
    md.appendMarkdown('  \n**Last check:** ').appendText(`${verdictText(countResults(run.report))} at ${run.at.toLocaleTimeString()}${problems.length ? ` (${problems.map((k) => k.description).join('; ')})` : ''}; see the Linkerd Health view.`);
  }
  if (s.expiry) md.appendMarkdown('  \n**Certificates:** ').appendText(`issuer ${s.expiry.issuerDays} days left, trust anchor ${s.expiry.anchorDays} days left`);
  if (expiringCertificate(s)) md.appendMarkdown('  \n$(warning) Rotate the issuer before it expires: run **Meshaware: Rotate Identity Issuer**.');
  md.appendMarkdown('\n\nClick to switch context.');
  return md;
}
