import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { installLinkerd } from '../../core/lifecycle/install';
import { IdentityConflict, type IdentityChoice } from '../../core/lifecycle/installIdentity';
import { rotateIssuer } from '../../core/lifecycle/rotateIssuer';
import { planUninstall, uninstallBlockers, uninstallLinkerd } from '../../core/lifecycle/uninstall';
import { upgradeLinkerd } from '../../core/lifecycle/upgrade';
import { anchorFolder } from '../anchorFolder';
import { CLUSTER_USAGE, openCluster, parseClusterCommand as parse } from '../cluster';
import { UsageError, type CliCommand } from '../usage';
import { writeText } from '../terminal';

const progress = (m: string) => writeText(process.stderr, `${m}\n`);

/** Where the CLI keeps a trust anchor it generated: per context, outside the cluster, key mode 0600. */
function defaultIdentityDir(context: string): string {
  const base = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'meshaware', 'identity', context.replace(/[^A-Za-z0-9._-]/g, '_'));
}

const INSTALL_USAGE = `Usage: meshaware install [--identity-dir DIR] [--identity cluster|local] [--no-gateway-api] [cluster options]

Installs the bundled Linkerd release: CRDs (waiting until Established), then the control plane with server-side
apply, then waits for every deployment. Everything that could refuse the install is checked before anything
changes, and re-running resumes an install that was interrupted or failed at any point.

The trust anchor: an identity already in the cluster is kept. Otherwise the anchor in DIR (ca.crt, ca.key) is
reused with a new issuer, e.g. for a kind/k3d cluster recreated under the same context name; with none there,
a new anchor is created and its key written to DIR/ca.key (mode 0600) before anything reaches the cluster.
It never goes to the cluster, and a stored anchor is never replaced.

  --identity-dir DIR   where the context's trust anchor is kept (default: ~/.config/meshaware/identity/<context>)
  --identity cluster|local
                       when the cluster trusts another anchor than the one in DIR: keep the cluster's identity,
                       or replace it with the anchor in DIR (meshed workloads must then be restarted)
  --no-gateway-api     fail instead of installing the Gateway API route CRDs when they are missing

${CLUSTER_USAGE}`;

export const installCommand: CliCommand = {
  name: 'install',
  summary: 'Install the bundled Linkerd control plane into the current context',
  usage: INSTALL_USAGE,
  async run(args) {
    const p = parse(args, INSTALL_USAGE, { 'identity-dir': 'string', identity: 'string', 'no-gateway-api': 'boolean' });
    if (!p) return 0;
    const choice = p.flags.get('identity');
    if (choice !== undefined && choice !== 'cluster' && choice !== 'local') throw new UsageError(`--identity must be cluster or local, not '${String(choice)}'`);
    const cluster = await openCluster(p.flags);
    await cluster.assertMayChange('install Linkerd');
    const dir = (p.flags.get('identity-dir') as string | undefined) ?? defaultIdentityDir(cluster.client.contextName);
    const result = await installLinkerd(cluster.client, {
      anchors: anchorFolder(dir),
      identityChoice: choice as IdentityChoice | undefined,
      installGatewayApi: !p.flags.has('no-gateway-api'),
      progress,
      call: {},
    }).catch((e: unknown) => {
      if (e instanceof IdentityConflict) throw new Error(`${e.userMessage} Re-run with --identity cluster to keep the cluster's, or --identity local to replace it with the anchor in ${dir}.`, { cause: e });
      throw e;
    });
    writeText(process.stdout, `Linkerd is installed on ${cluster.client.contextName} (${result.applied} objects applied${result.gatewayApiInstalled.length ? `, Gateway API CRDs added: ${result.gatewayApiInstalled.join(', ')}` : ''}).\n`);
    if (result.identity === 'create') writeText(process.stdout, `Its trust anchor is in ${dir} (ca.crt, ca.key): keep ca.key safe, it signs future issuers.\n`);
    return 0;
  },
};

const UPGRADE_USAGE = `Usage: meshaware upgrade [cluster options]

Upgrades the control plane to the bundled release, keeping its identity, pruning objects the release no longer
has, and lists the meshed workloads to restart so their pods get the new proxy.

${CLUSTER_USAGE}`;

export const upgradeCommand: CliCommand = {
  name: 'upgrade',
  summary: 'Upgrade Linkerd to the bundled release and list workloads to restart',
  usage: UPGRADE_USAGE,
  async run(args) {
    const p = parse(args, UPGRADE_USAGE);
    if (!p) return 0;
    const cluster = await openCluster(p.flags);
    await cluster.assertMayChange('upgrade Linkerd');
    const result = await upgradeLinkerd(cluster.client, { progress, call: {} });
    const restart = result.restartNeeded.map((w) => `  kubectl -n ${w.namespace} rollout restart ${w.kind.toLowerCase()}/${w.name}   # proxy ${w.proxyVersion}`);
    writeText(process.stdout, `Upgraded.${result.pruned.length ? ` Pruned: ${result.pruned.join(', ')}.` : ''}\n${restart.length ? `Restart these workloads to update their proxies:\n${restart.join('\n')}\n` : 'Every meshed workload runs the current proxy.\n'}`);
    return 0;
  },
};

const UNINSTALL_USAGE = `Usage: meshaware uninstall [--yes] [--force] [cluster options]

Deletes the control plane in order (webhook configurations first, the namespace last). Without --yes it only
lists what would be deleted. Gateway API CRDs are deleted only if Meshaware or Linkerd installed them.
Like 'linkerd uninstall', it refuses while meshed pods or Linkerd extensions depend on the control plane.

  --yes     delete (without it, only list)
  --force   delete even with meshed pods or extensions left behind

${CLUSTER_USAGE}`;

export const uninstallCommand: CliCommand = {
  name: 'uninstall',
  summary: 'Remove Linkerd from the current context (lists first; --yes to delete)',
  usage: UNINSTALL_USAGE,
  async run(args) {
    const p = parse(args, UNINSTALL_USAGE, { yes: 'boolean', force: 'boolean' });
    if (!p) return 0;
    const cluster = await openCluster(p.flags);
    const plan = await planUninstall(cluster.client, 'linkerd', {});
    const listing = plan.items.map((i) => `  ${i.kind.toLowerCase()}/${i.name}${i.namespace ? ` (${i.namespace})` : ''}`).join('\n');
    writeText(process.stdout, `${plan.items.length ? `Would delete, in this order:\n${listing}\n` : 'Nothing of Linkerd is installed.\n'}`);
    const blockers = uninstallBlockers(plan);
    if (blockers) writeText(process.stdout, `Warning: ${blockers}\n`);
    if (!p.flags.has('yes') || !plan.items.length) return 0;
    await cluster.assertMayChange('uninstall Linkerd');
    await uninstallLinkerd(cluster.client, plan, 'linkerd', progress, {}, { force: p.flags.has('force') });
    return 0;
  },
};

const ROTATE_USAGE = `Usage: meshaware rotate-issuer --anchor-cert F --anchor-key F [--days N] [cluster options]

Issues a new identity issuer signed by the trust anchor and replaces it in the cluster without downtime.

${CLUSTER_USAGE}`;

export const rotateIssuerCommand: CliCommand = {
  name: 'rotate-issuer',
  summary: 'Replace the identity issuer with a new one signed by the trust anchor',
  usage: ROTATE_USAGE,
  async run(args) {
    const p = parse(args, ROTATE_USAGE, { 'anchor-cert': 'string', 'anchor-key': 'string', days: 'string' });
    if (!p) return 0;
    const certFile = p.flags.get('anchor-cert');
    const keyFile = p.flags.get('anchor-key');
    if (typeof certFile !== 'string' || typeof keyFile !== 'string') throw new UsageError('--anchor-cert and --anchor-key are required');
    const days = p.flags.has('days') ? Number(p.flags.get('days')) : undefined;
    if (days !== undefined && !(Number.isInteger(days) && days > 0)) throw new UsageError('--days must be a positive whole number');
    const cluster = await openCluster(p.flags);
    await cluster.assertMayChange('rotate the issuer');
    const anchor = { certPem: await readFile(certFile, 'utf8'), keyPem: await readFile(keyFile, 'utf8') };
    await rotateIssuer(cluster.client, anchor, { days, progress, call: {} });
    return 0;
  },
};
