import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { generateIdentityCredentials, identityMaterial } from '../../../src/core/controlplane/certs/identity';
import { generateWebhookCredentials } from '../../../src/core/controlplane/certs/webhooks';
import { renderControlPlane } from '../../../src/core/controlplane/manifests/controlPlane';
import type { K8sObject } from '../../../src/core/controlplane/manifests/meta';
import { differences, normalize, type Difference } from './support/structuralDiff';
import { FIELD_ALLOWLIST, OBJECT_ALLOWLIST, type FieldAllowance } from './referenceAllowlist';

const REFERENCE = join(__dirname, '../../../../shared/reference/linkerd-2.20-manifests/install_default.golden.yaml');

const key = (o: { kind?: unknown; metadata?: { name?: unknown } }) => `${String(o.kind)}/${String(o.metadata?.name)}`;

/**
 * Our rendered control plane against `linkerd install` 2.20's own output: the same objects, and within each
 * object the same fields and values (images, args, ports, env, probes, RBAC and webhook rules, the
 * linkerd-config values...), except the differences in referenceAllowlist.ts, each with its reason.
 */
describe('controlplane manifests vs the linkerd 2.20 reference', () => {
  let ours: Map<string, K8sObject>;
  let reference: Map<string, Record<string, unknown>>;

  before(async function () {
    if (!existsSync(REFERENCE)) {
      console.warn(`\n  SKIPPED: reference manifests not found at ${REFERENCE}; the structural comparison did not run.\n`);
      this.skip();
    }
    const docs = parseAllDocuments(readFileSync(REFERENCE, 'utf8'));
    assert.ok(Array.isArray(docs));
    reference = new Map(docs.map((d) => d.toJS() as Record<string, unknown>).filter((o) => o && o.kind).map((o) => [key(o), o]));
    const creds = await generateIdentityCredentials();
    const rendered = renderControlPlane({ identity: identityMaterial(creds), webhooks: await generateWebhookCredentials('linkerd') });
    ours = new Map(rendered.map((o) => [key(o), o]));
    assert.equal(ours.size, rendered.length, 'two rendered objects share a kind and name');
  });

  it('renders the same set of objects, apart from the allowlisted ones', () => {
    const unexpected = [
      ...[...ours.keys()].filter((k) => !reference.has(k)).map((k) => `extra: ${k}`),
      ...[...reference.keys()].filter((k) => !ours.has(k)).map((k) => `missing: ${k}`),
    ];
    assert.deepEqual(unexpected.sort(), OBJECT_ALLOWLIST.map((a) => a.entry).sort());
  });

  it('differs inside objects only where the allowlist says why', () => {
    const found: (Difference & { object: string })[] = [];
    for (const [k, ref] of reference) {
      const mine = ours.get(k);
      if (mine) found.push(...differences(normalize(mine), normalize(ref)).map((d) => ({ ...d, object: k })));
    }
    const explains = (a: FieldAllowance, d: Difference & { object: string }) => a.object.test(d.object) && a.path.test(d.path) && (a.expect?.(d.ours, d.reference) ?? true);
    const unexplained = found.filter((d) => !FIELD_ALLOWLIST.some((a) => explains(a, d)));
    assert.deepEqual(
      unexplained.map((d) => `${d.object} ${d.path}: ours ${JSON.stringify(d.ours)} vs reference ${JSON.stringify(d.reference)}`),
      [],
    );
    const unused = FIELD_ALLOWLIST.filter((a) => !found.some((d) => explains(a, d)));
    assert.deepEqual(unused.map((a) => a.reason), [], 'allowlist entries that no longer match any difference must go');
  });
});
