import * as vscode from 'vscode';
import { activity } from './activity';
import type { ClusterService, ClusterState } from './clusterService';
import { COMMANDS } from './commandIds';

/** The status-bar item: the context in use and whether Linkerd is there; a click switches context. */
export function registerClusterStatusBar(cluster: ClusterService): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('meshaware.cluster', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Meshaware: Kubernetes context';
  item.command = COMMANDS.selectContext;
  const render = (s: ClusterState) => {
    const busy = activity.current;
    item.text = busy ? `$(sync~spin) ${busy}` : statusText(s);
    item.tooltip = statusTooltip(s);
    const expiring = expiringCertificate(s);
    item.backgroundColor = expiring || (s.context && s.verdict && !s.verdict.local) ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  render(cluster.state);
  return vscode.Disposable.from(item, cluster.onDidChange(render), activity.onDidChange(() => render(cluster.state)));
}

/** Linkerd's own warning threshold: `linkerd check` warns 60 days before either certificate expires. */
const EXPIRY_WARNING_DAYS = 60;

function expiringCertificate(s: ClusterState): string | undefined {
  if (!s.expiry) return undefined;
  if (s.expiry.issuerDays < EXPIRY_WARNING_DAYS) return `issuer expires in ${s.expiry.issuerDays} d`;
  if (s.expiry.anchorDays < EXPIRY_WARNING_DAYS) return `trust anchor expires in ${s.expiry.anchorDays} d`;
  return undefined;
}

function statusText(s: ClusterState): string {
  if (!s.context) return '$(cloud) No cluster';
  const expiring = expiringCertificate(s);
  if (expiring) return `$(cloud) ${s.context.name} $(warning) ${expiring}`;
  const mesh = s.error ? '$(warning)' : s.linkerd === undefined ? '$(sync~spin)' : s.linkerd.installed ? '$(check) Linkerd' : '$(circle-slash) no Linkerd';
  return `$(cloud) ${s.context.name} ${mesh}`;
}

/** The tooltip: context, server (never with credentials), kind, Linkerd and certificate state. */
export function statusTooltip(s: ClusterState): vscode.MarkdownString {
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
  if (s.expiry) md.appendMarkdown('  \n**Certificates:** ').appendText(`issuer ${s.expiry.issuerDays} days left, trust anchor ${s.expiry.anchorDays} days left`);
  if (expiringCertificate(s)) md.appendMarkdown('  \n$(warning) Rotate the issuer before it expires: run **Meshaware: Rotate Identity Issuer**.');
  md.appendMarkdown('\n\nClick to switch context.');
  return md;
}
