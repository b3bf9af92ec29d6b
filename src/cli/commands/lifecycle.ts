import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { generateIdentityCredentials, identityMaterial } from '../../core/controlplane/certs/identity';
import { installLinkerd } from '../../core/lifecycle/install';
import { rotateIssuer } from '../../core/lifecycle/rotateIssuer';
import { planUninstall, uninstallLinkerd } from '../../core/lifecycle/uninstall';
import { upgradeLinkerd } from '../../core/lifecycle/upgrade';
import { CLUSTER_USAGE, openCluster, parseClusterCommand as parse } from '../cluster';
import { writeNew } from '../files';
import { UsageError, type CliCommand } from '../usage';
import { writeText } from '../terminal';
import { plural } from '../../core/text/plural';

const progress = (m: string) => writeText(process.stderr, `${m}\n`);

/** Where the CLI keeps a trust anchor it generated: per context, outside the cluster, key mode 0600. */
function defaultIdentityDir(context: string): string {
  const base = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'meshaware', 'identity', context.replace(/[^A-Za-z0-9._-]/g, '_'));
}

const INSTALL_USAGE = `Usage: meshaware install [--identity-dir DIR] [--no-gateway-api] [cluster options]

Installs the bundled Linkerd release: CRDs (waiting until Established), then the control plane with server-side
apply, then waits for every deployment. Re-running resumes an interrupted install. A new trust anchor's key is
written to DIR/ca.key (mode 0600) and never to the cluster.

  --identity-dir DIR   where to keep a newly generated trust anchor (default: ~/.config/meshaware/identity/<context>)
  --no-gateway-api     fail instead of installing the Gateway API route CRDs when they are missing

${CLUSTER_USAGE}`;

export const installCommand: CliCommand = {
  name: 'install',
  summary: 'Install the bundled Linkerd control plane into the current context',
  usage: INSTALL_USAGE,
  async run(args) {
    const p = parse(args, INSTALL_USAGE, { 'identity-dir': 'string', 'no-gateway-api': 'boolean' });
    if (!p) return 0;
    const cluster = await openCluster(p.flags);
    await cluster.assertMayChange('install Linkerd');
    const dir = (p.flags.get('identity-dir') as string | undefined) ?? defaultIdentityDir(cluster.client.contextName);
    const result = await installLinkerd(cluster.client, {
      installGatewayApi: !p.flags.has('no-gateway-api'),
      progress,
      call: {},
      async newIdentity() {
        const creds = await generateIdentityCredentials();
        await mkdir(dir, { recursive: true, mode: 0o700 });
        await writeNew(join(dir, 'ca.crt'), creds.trustAnchor.certPem, 0o644, false);
        await writeNew(join(dir, 'ca.key'), creds.trustAnchor.keyPem, 0o600, false);
        progress(`trust anchor written to ${dir} (ca.crt, ca.key); keep ca.key safe: it signs future issuers`);
        return identityMaterial(creds);
      },
    });
    writeText(process.stdout, `Linkerd is installed on ${cluster.client.contextName} (${result.applied} objects applied${result.gatewayApiInstalled.length ? `, Gateway API CRDs added: ${result.gatewayApiInstalled.join(', ')}` : ''}).\n`);
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

const UNINSTALL_USAGE = `Usage: meshaware uninstall [--yes] [cluster options]

Deletes the control plane in order (webhook configurations first, the namespace last). Without --yes it only
lists what would be deleted. Gateway API CRDs are deleted only if Meshaware or Linkerd installed them.

${CLUSTER_USAGE}`;

export const uninstallCommand: CliCommand = {
  name: 'uninstall',
  summary: 'Remove Linkerd from the current context (lists first; --yes to delete)',
  usage: UNINSTALL_USAGE,
  async run(args) {
    const p = parse(args, UNINSTALL_USAGE, { yes: 'boolean' });
    if (!p) return 0;
    const cluster = await openCluster(p.flags);
    const plan = await planUninstall(cluster.client, 'linkerd', {});
    const listing = plan.items.map((i) => `  ${i.kind.toLowerCase()}/${i.name}${i.namespace ? ` (${i.namespace})` : ''}`).join('\n');
    writeText(process.stdout, `${plan.items.length ? `Would delete, in this order:\n${listing}\n` : 'Nothing of Linkerd is installed.\n'}`);
    if (plan.meshedPods.length) writeText(process.stdout, `Warning: ${plural(plan.meshedPods.length, 'meshed pod')} keep their proxies without a control plane: ${plan.meshedPods.join(', ')}\n`);
    if (!p.flags.has('yes') || !plan.items.length) return 0;
    await cluster.assertMayChange('uninstall Linkerd');
    await uninstallLinkerd(cluster.client, plan, 'linkerd', progress, {});
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
