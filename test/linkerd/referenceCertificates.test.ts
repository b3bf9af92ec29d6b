import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorsOnly, validateIdentityMaterial } from '../../src/core/controlplane/certs/validate';
import { decodeYaml } from './support/linkerd';
import { GOLDENS, requirePrerequisites } from './support/reference';

type Obj = { kind: string; metadata: { name: string }; data: Record<string, string> };

describe("certificate validation vs Linkerd's own install", function () {
  before(function () {
    requirePrerequisites(this);
  });

  it("accepts the identity certificates of Linkerd's reference install (an EC PRIVATE KEY issuer key)", () => {
    const objects = decodeYaml(readFileSync(join(GOLDENS!, 'install_default.golden.yaml'), 'utf8')) as Obj[];
    const data = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name)!.data;
    const values = decodeYaml(data('ConfigMap', 'linkerd-config').values)[0] as { identityTrustAnchorsPEM: string; identity: { issuer: { tls: { crtPEM: string } } } };
    const keyPem = Buffer.from(data('Secret', 'linkerd-identity-issuer')['key.pem'], 'base64').toString();
    assert.match(keyPem, /BEGIN EC PRIVATE KEY/);
    const material = { trustAnchorsPem: values.identityTrustAnchorsPEM, issuer: { certPem: values.identity.issuer.tls.crtPEM, keyPem } };
    assert.deepEqual(errorsOnly(validateIdentityMaterial(material, new Date('2026-01-01T00:00:00Z'))), []);
  });
});
