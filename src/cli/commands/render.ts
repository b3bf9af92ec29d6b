import { readFile } from 'node:fs/promises';
import { generateIdentityCredentials, identityMaterial } from '../../core/controlplane/certs/identity';
import type { IdentityMaterial } from '../../core/controlplane/certs/types';
import { errorsOnly, formatProblem, validateIdentityMaterial } from '../../core/controlplane/certs/validate';
import { generateWebhookCredentials } from '../../core/controlplane/certs/webhooks';
import { renderControlPlane } from '../../core/controlplane/manifests/controlPlane';
import { renderCrds, renderGatewayApiCrds } from '../../core/controlplane/manifests/crds';
import type { K8sObject } from '../../core/controlplane/manifests/meta';
import { toYaml } from '../../core/controlplane/manifests/yaml';
import { parseArgs } from '../args';
import { UsageError, type CliCommand } from '../usage';
import { writeText } from '../terminal';

const USAGE = `Usage: meshaware render [--crds [--gateway-api]] [--control-plane [--trust-anchor F --issuer-cert F --issuer-key F]]

Prints the manifests of the bundled Linkerd release as YAML, for 'kubectl apply -f -'.

Options:
  --crds             Linkerd's CustomResourceDefinitions (apply them first)
  --gateway-api      with --crds: also the Gateway API route CRDs linkerd-crds installs (installGatewayAPI=true)
  --control-plane    the control plane; without certificate files, fresh ones are generated
                     (the new trust anchor key is then discarded: use 'meshaware certs generate' to keep one)
  --trust-anchor F   PEM bundle of trust anchor certificates
  --issuer-cert F    PEM issuer certificate, signed by a trust anchor
  --issuer-key F     PEM issuer private key

The control plane output contains private keys, as 'linkerd install' output does: the issuer key (in the
linkerd-identity-issuer and linkerd-config-overrides Secrets) and the webhooks' serving keys. Treat it as a
secret: do not commit it or paste it into logs. The trust anchor key is never in it.`;

const CERT_FLAGS = ['trust-anchor', 'issuer-cert', 'issuer-key'] as const;

/** Reads bring-your-own certificates and refuses them, with every reason, where Linkerd would. */
async function identityFromFiles(paths: readonly string[]): Promise<IdentityMaterial> {
  const [trustAnchorsPem, certPem, keyPem] = await Promise.all(paths.map((p) => readFile(p, 'utf8')));
  const material = { trustAnchorsPem, issuer: { certPem, keyPem } };
  const problems = validateIdentityMaterial(material);
  for (const p of problems) writeText(process.stderr, `${formatProblem(p)}\n`);
  if (errorsOnly(problems).length) throw new Error('the given certificates would not work with Linkerd (see above)');
  return material;
}

async function controlPlane(flags: Map<string, string | true>): Promise<K8sObject[]> {
  const given = CERT_FLAGS.filter((f) => typeof flags.get(f) === 'string');
  if (given.length && given.length < CERT_FLAGS.length) {
    throw new UsageError(`--trust-anchor, --issuer-cert and --issuer-key go together (missing ${CERT_FLAGS.filter((f) => !given.includes(f)).map((f) => `--${f}`).join(', ')})`);
  }
  const identity = given.length
    ? await identityFromFiles(CERT_FLAGS.map((f) => flags.get(f) as string))
    : identityMaterial(await generateIdentityCredentials());
  return renderControlPlane({ identity, webhooks: await generateWebhookCredentials('linkerd') });
}

export const renderCommand: CliCommand = {
  name: 'render',
  summary: "Print Linkerd's CRDs or control plane manifests for the bundled release",
  usage: USAGE,
  async run(args) {
    const { flags, positional } = parseArgs(args, { crds: 'boolean', 'gateway-api': 'boolean', 'control-plane': 'boolean', 'trust-anchor': 'string', 'issuer-cert': 'string', 'issuer-key': 'string', help: 'boolean' }, { '-h': 'help' });
    if (flags.has('help')) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (positional.length) throw new UsageError(`unexpected argument '${positional[0]}'`);
    if (!flags.has('crds') && !flags.has('control-plane')) throw new UsageError('choose --crds, --control-plane or both');
    if (!flags.has('control-plane') && CERT_FLAGS.some((f) => flags.has(f))) throw new UsageError('certificate files only apply to --control-plane');
    if (flags.has('gateway-api') && !flags.has('crds')) throw new UsageError('--gateway-api only applies to --crds');
    const crds = flags.has('crds') ? [...(flags.has('gateway-api') ? renderGatewayApiCrds() : []), ...renderCrds()] : [];
    const objects = [...crds, ...(flags.has('control-plane') ? await controlPlane(flags) : [])];
    process.stdout.write(toYaml(objects));
    return 0;
  },
};
