// Control plane: certificate generation (what every install and rotation pays) and full manifest rendering
// (what every install, upgrade and `meshaware render` pays), against baselines measured in the same run.
import { webcrypto } from 'node:crypto';
import { stringify } from 'yaml';
import { generateIdentityCredentials, identityMaterial } from '../src/core/controlplane/certs/identity';
import { generateWebhookCredentials } from '../src/core/controlplane/certs/webhooks';
import { renderControlPlane } from '../src/core/controlplane/manifests/controlPlane';
import { renderCrds } from '../src/core/controlplane/manifests/crds';
import { toYaml } from '../src/core/controlplane/manifests/yaml';
import { report, time, timeAsync } from './measure';

async function main(): Promise<void> {
  const keygen = await timeAsync(() => webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']), 21, 3);
  report('WebCrypto P-256 key generation (baseline)', keygen, 'keygen', keygen);
  report('trust anchor + issuer (2 keys, 2 signatures)', await timeAsync(() => generateIdentityCredentials(), 11, 2), 'keygen', keygen);
  report('webhook CA + 3 serving certs (4 keys)', await timeAsync(() => generateWebhookCredentials('linkerd'), 11, 2), 'keygen', keygen);

  const identity = identityMaterial(await generateIdentityCredentials());
  const webhooks = await generateWebhookCredentials('linkerd');
  const objects = [...renderCrds(), ...renderControlPlane({ identity, webhooks })];
  // Same options as our output (no aliases, no folding), as one document: what serialising alone costs.
  const stringifyOnly = time(() => stringify(objects, { aliasDuplicateObjects: false, lineWidth: 0 }), 11, 2);
  report('yaml stringify of the same objects (baseline)', stringifyOnly, 'stringify', stringifyOnly);
  report('render control plane objects', time(() => renderControlPlane({ identity, webhooks }), 11, 2), 'stringify', stringifyOnly);
  report('render CRDs + control plane, to YAML', time(() => toYaml([...renderCrds(), ...renderControlPlane({ identity, webhooks })]), 11, 2), 'stringify', stringifyOnly);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
