import * as vscode from 'vscode';
import { BUNDLED } from '../../core/controlplane/catalog';
import { countResults, type CheckFix } from '../../core/lifecycle/checks';
import { installLinkerd } from '../../core/lifecycle/install';
import { IdentityConflict, type IdentityChoice } from '../../core/lifecycle/installIdentity';
import { rotateIssuer } from '../../core/lifecycle/rotateIssuer';
import { planUninstall, uninstallBlockers, uninstallLinkerd } from '../../core/lifecycle/uninstall';
import { upgradeLinkerd } from '../../core/lifecycle/upgrade';
import { isRestartable } from '../../core/workloadKinds';
import type { ExtensionServices } from '../context';
import { confirmClusterChange } from '../cluster/confirmRemote';
import { reportError, withClusterProgress } from '../reportError';
import { exportAnchor, importAnchor } from './anchorFiles';
import { StoredAnchorExists, type AnchorStore } from './anchorStore';
import { restartWorkloads } from '../cluster/restartCommand';
import { CHECK_TITLES, type CheckKind } from './healthService';
import { CONTROL_PLANE_COMMANDS as C, VIEWS } from '../commandIds';
import { controlPlaneNamespace } from '../controlPlaneNamespace';
import { plural } from '../../core/text/plural';

/** Install, check, upgrade, rotate and uninstall Linkerd: each with progress, cancellation and the log. */
export function registerLifecycleCommands(services: ExtensionServices, anchors: AnchorStore): vscode.Disposable {
  const { cluster, log, health } = services;
  const progressLog = (report: (m: string) => void) => (m: string) => {
    log.info(m);
    report(m);
  };

  const check = async (kind: CheckKind): Promise<void> => {
    const title = CHECK_TITLES[kind];
    try {
      const client = await cluster.client();
      void vscode.commands.executeCommand(`${VIEWS.health}.focus`);
      const { report } = await withClusterProgress(`Meshaware: ${title} on ${client.contextName}`, (signal, report) => health.run(kind, { signal, report }));
      const counts = countResults(report);
      log.info(`${title} on ${client.contextName}: ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}`);
      if (counts.errors) void vscode.window.showWarningMessage(`${title}: ${plural(counts.errors, 'check')} failed on "${client.contextName}". See the Linkerd Health view for hints.`);
      else void vscode.window.showInformationMessage(`${title}: all checks passed on "${client.contextName}"${counts.warnings ? ` (${plural(counts.warnings, 'warning')})` : ''}.`);
    } catch (e) {
      await reportError(log, title, e);
    }
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(C.checkPre, () => check('pre')),
    vscode.commands.registerCommand(C.check, () => check('installed')),
    vscode.commands.registerCommand(C.runCheckFix, (fix: CheckFix) => runFix(services, fix)),

    vscode.commands.registerCommand(C.install, async () => {
      try {
        const client = await cluster.client();
        const go = await vscode.window.showInformationMessage(
          `Install Linkerd ${BUNDLED.version} (${BUNDLED.edge}) on "${client.contextName}"?`,
          {
            modal: true,
            detail:
              'Meshaware checks the cluster, applies the Linkerd CRDs (and the Gateway API route CRDs if missing), then the control plane with server-side apply, and waits until it is ready. The trust anchor stored for this context is reused; otherwise a new one is created, its private key kept in VS Code\'s secret storage, never in the cluster. Re-running resumes an interrupted install.',
          },
          'Install',
        );
        if (go !== 'Install' || !(await confirmClusterChange(cluster, 'Install Linkerd'))) return;
        const install = async (identityChoice?: IdentityChoice) =>
          await withClusterProgress(`Meshaware: installing Linkerd on ${client.contextName}`, (signal, report) =>
            installLinkerd(client, { namespace: controlPlaneNamespace(), anchors: anchors.forContext(client.contextName), identityChoice, installGatewayApi: true, progress: progressLog(report), call: { signal } }),
          );
        const result = await install().catch(async (e: unknown) => {
          if (!(e instanceof IdentityConflict)) throw e;
          const keep = "Keep the Cluster's Identity";
          const replace = 'Replace It with the Stored Anchor';
          const pick = await vscode.window.showWarningMessage(e.message, { modal: true, detail: e.hint }, keep, replace);
          if (!pick) return undefined;
          return install(pick === keep ? 'cluster' : 'local');
        });
        if (!result) return;
        void health.recheck('install', true);
        const next = await vscode.window.showInformationMessage(
          `Linkerd ${BUNDLED.version} is installed on "${client.contextName}".${result.identity === 'create' ? ' Its trust anchor key is in your secret storage.' : ''} The Linkerd Health view checks it now.`,
          'Show Linkerd Health',
          'Export Trust Anchor',
        );
        if (next === 'Show Linkerd Health') await vscode.commands.executeCommand(`${VIEWS.health}.focus`);
        if (next === 'Export Trust Anchor') await vscode.commands.executeCommand(C.exportTrustAnchor);
      } catch (e) {
        await reportError(log, 'Install Linkerd', e);
      }
    }),

    vscode.commands.registerCommand(C.upgrade, async () => {
      try {
        const client = await cluster.client();
        const go = await vscode.window.showInformationMessage(`Upgrade Linkerd on "${client.contextName}" to ${BUNDLED.version} (${BUNDLED.edge})?`, { modal: true, detail: 'The identity is kept; webhook certificates are renewed; objects the release no longer has are pruned.' }, 'Upgrade');
        if (go !== 'Upgrade' || !(await confirmClusterChange(cluster, 'Upgrade Linkerd'))) return;
        const result = await withClusterProgress(`Meshaware: upgrading Linkerd on ${client.contextName}`, (signal, report) => upgradeLinkerd(client, { namespace: controlPlaneNamespace(), progress: progressLog(report), call: { signal } }));
        void health.recheck('upgrade', true);
        if (!result.restartNeeded.length) {
          void vscode.window.showInformationMessage(`Linkerd is upgraded on "${client.contextName}"; every meshed workload runs the current proxy.`);
          return;
        }
        const picks = await vscode.window.showQuickPick(
          result.restartNeeded.map((w) => ({ label: `${w.kind.toLowerCase()}/${w.name}`, description: `${w.namespace} · proxy ${w.proxyVersion}`, picked: true, w })),
          { canPickMany: true, title: 'Restart workloads to pick up the new proxy', placeHolder: 'Their pods keep the old proxy until they are re-created' },
        );
        if (!picks?.length) return;
        for (const p of picks.filter((p) => !isRestartable(p.w.kind))) log.warn(`${p.label} (${p.w.kind}) cannot be rolled: delete its pods to update the proxy`);
        // Picked already: the restart follows the rollouts, then checks again.
        await restartWorkloads(services, cluster, picks.filter((p) => isRestartable(p.w.kind)).map((p) => p.w), true);
      } catch (e) {
        await reportError(log, 'Upgrade Linkerd', e);
      }
    }),

    vscode.commands.registerCommand(C.rotateIssuer, async () => {
      try {
        const client = await cluster.client();
        let anchor = await anchors.get(client.contextName);
        if (!anchor) {
          const pick = await vscode.window.showWarningMessage(
            `No trust anchor key for "${client.contextName}" in your secret storage. The new issuer must be signed by the anchor the cluster trusts.`,
            'Import Anchor Files…',
          );
          if (pick !== 'Import Anchor Files…' || !(anchor = await importAnchor())) return;
          await anchors.set(client.contextName, anchor);
        }
        if (!(await confirmClusterChange(cluster, 'Rotate the issuer'))) return;
        const key = anchor;
        await withClusterProgress(`Meshaware: rotating the identity issuer on ${client.contextName}`, (signal, report) => rotateIssuer(client, key, { namespace: controlPlaneNamespace(), progress: progressLog(report), call: { signal } }));
        void health.recheck('issuer rotation', true);
        void vscode.window.showInformationMessage(`The identity issuer of "${client.contextName}" was rotated; proxies keep working (same trust anchor).`);
      } catch (e) {
        await reportError(log, 'Rotate identity issuer', e);
      }
    }),

    vscode.commands.registerCommand(C.uninstall, async () => {
      try {
        const client = await cluster.client();
        const plan = await withClusterProgress('Meshaware: listing what uninstall deletes', (signal) => planUninstall(client, { namespace: controlPlaneNamespace(), call: { signal } }));
        if (!plan.items.length) {
          void vscode.window.showInformationMessage(`Linkerd is not installed on "${client.contextName}".`);
          return;
        }
        const listing = plan.items.map((i) => `${i.kind.toLowerCase()}/${i.name}`).join('\n');
        // With meshed pods or extensions left behind, the user must say so: the button then reads "Uninstall Anyway".
        const blockers = uninstallBlockers(plan);
        const action = blockers ? 'Uninstall Anyway' : 'Uninstall';
        const go = await vscode.window.showWarningMessage(
          `Uninstall Linkerd from "${client.contextName}"? ${plan.items.length} objects will be deleted.`,
          { modal: true, detail: `${blockers ? `${blockers}\n\n` : ''}Deleting the Linkerd CRDs deletes every Server, AuthorizationPolicy and route in the cluster.\n\n${listing}` },
          action,
        );
        if (go !== action || !(await confirmClusterChange(cluster, 'Uninstall Linkerd'))) return;
        await withClusterProgress(`Meshaware: uninstalling Linkerd from ${client.contextName}`, (signal, report) => uninstallLinkerd(client, plan, { progress: progressLog(report), call: { signal }, force: blockers !== undefined }));
        void health.recheck('uninstall', true);
        void vscode.window.showInformationMessage(`Linkerd was removed from "${client.contextName}".`);
      } catch (e) {
        await reportError(log, 'Uninstall Linkerd', e);
      }
    }),

    vscode.commands.registerCommand(C.exportTrustAnchor, async () => {
      try {
        const ctx = await cluster.session.currentContext();
        const anchor = ctx && (await anchors.get(ctx.name));
        if (!ctx || !anchor) {
          void vscode.window.showInformationMessage('No trust anchor is stored for the current context: only anchors created by "Install Linkerd" or imported are kept.');
          return;
        }
        const dir = await exportAnchor(anchor, ctx.name);
        if (dir) void vscode.window.showInformationMessage(`Wrote ca.crt and ca.key (mode 0600) to ${dir}. Keep the key offline.`);
      } catch (e) {
        await reportError(log, 'Export trust anchor', e);
      }
    }),

    vscode.commands.registerCommand(C.importTrustAnchor, async () => {
      const ctx = await cluster.session.currentContext().catch(() => undefined);
      if (!ctx) return reportError(log, 'Import trust anchor', new Error('No Kubernetes context is selected.'));
      const anchor = await importAnchor();
      if (!anchor) return;
      try {
        await anchors.set(ctx.name, anchor);
      } catch (e) {
        if (!(e instanceof StoredAnchorExists)) throw e;
        const replace = 'Replace Stored Anchor';
        const pick = await vscode.window.showWarningMessage(
          `Another trust anchor is stored for "${ctx.name}". Replace it?`,
          { modal: true, detail: 'The stored anchor\'s key is the only way to sign new issuers for the clusters that trust it. Export it first if you may still need it.' },
          replace,
        );
        if (pick !== replace) return;
        await anchors.set(ctx.name, anchor, { replace: true });
      }
      void vscode.window.showInformationMessage(`Stored the trust anchor for "${ctx.name}" in your secret storage.`);
    }),
  );
}

/** A check's fix, from the Linkerd Health view: the lifecycle command its hint names, or restarting the workloads. */
async function runFix(services: ExtensionServices, fix: CheckFix): Promise<void> {
  if (fix.action === 'restart') return restartWorkloads(services, services.cluster, fix.workloads);
  await vscode.commands.executeCommand(C[fix.action]);
}
