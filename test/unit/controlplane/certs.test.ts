import assert from 'node:assert/strict';
import { generateIdentityCredentials, identityMaterial, ISSUER_CN, TRUST_ANCHOR_CN, type IdentityCredentials } from '../../../src/core/controlplane/certs/identity';
import { validateIdentityMaterial } from '../../../src/core/controlplane/certs/validate';
import { generateWebhookCredentials, WEBHOOKS, webhookHost } from '../../../src/core/controlplane/certs/webhooks';
import { certificateExpiry, daysUntil } from '../../../src/core/controlplane/certs/expiry';
import { rawNames } from './support/der';
import { OpenSslDir } from './support/openssl';

const DAY = 86_400_000;

function dates(ssl: OpenSslDir, file: string): { notBefore: Date; notAfter: Date } {
  const out = ssl.run('x509', '-in', file, '-noout', '-startdate', '-enddate');
  const field = (k: string) => new Date(out.match(new RegExp(`${k}=(.+)`))![1]);
  return { notBefore: field('notBefore'), notAfter: field('notAfter') };
}

function section(text: string, heading: string): string {
  const start = text.indexOf(heading);
  assert.ok(start >= 0, `no "${heading}" in:\n${text}`);
  return text.slice(start, start + 200);
}

describe('controlplane certificates, checked by openssl', () => {
  let ssl: OpenSslDir;
  let creds: IdentityCredentials;
  const now = new Date();

  before(async () => {
    ssl = new OpenSslDir();
    creds = await generateIdentityCredentials({ now });
    ssl.write('ca.crt', creds.trustAnchor.certPem);
    ssl.write('ca.key', creds.trustAnchor.keyPem);
    ssl.write('issuer.crt', creds.issuer.certPem);
    ssl.write('issuer.key', creds.issuer.keyPem);
  });
  after(() => ssl.dispose());

  it('chains the issuer to the trust anchor (openssl verify)', () => {
    assert.match(ssl.run('verify', '-CAfile', 'ca.crt', 'issuer.crt'), /issuer\.crt: OK/);
  });

  it('makes a P-256 self-signed CA trust anchor with path length 1, certSign/cRLSign and an SKI', () => {
    const text = ssl.text('ca.crt');
    assert.match(text, /Public Key Algorithm: id-ecPublicKey/);
    assert.match(text, /ASN1 OID: prime256v1/);
    assert.match(text, /Signature Algorithm: ecdsa-with-SHA256/);
    assert.match(text, /Version: 3 \(0x2\)/);
    assert.match(text, new RegExp(`Issuer: CN ?= ?${TRUST_ANCHOR_CN}`));
    assert.match(text, new RegExp(`Subject: CN ?= ?${TRUST_ANCHOR_CN}`));
    assert.match(section(text, 'X509v3 Basic Constraints'), /Basic Constraints: critical\s+CA:TRUE, pathlen:1/);
    assert.match(section(text, 'X509v3 Key Usage'), /Key Usage: critical\s+Certificate Sign, CRL Sign\s/);
    assert.match(text, /X509v3 Subject Key Identifier/);
    assert.doesNotMatch(text, /Extended Key Usage/);
  });

  it('makes a P-256 issuer CA with path length 0, named by the anchor, with an AKI equal to the anchor SKI', () => {
    const text = ssl.text('issuer.crt');
    assert.match(text, /Public Key Algorithm: id-ecPublicKey/);
    assert.match(text, /ASN1 OID: prime256v1/);
    assert.match(text, /Signature Algorithm: ecdsa-with-SHA256/);
    assert.match(text, new RegExp(`Issuer: CN ?= ?${TRUST_ANCHOR_CN}`));
    assert.match(text, new RegExp(`Subject: CN ?= ?${ISSUER_CN}`));
    assert.match(section(text, 'X509v3 Basic Constraints'), /Basic Constraints: critical\s+CA:TRUE, pathlen:0/);
    assert.match(section(text, 'X509v3 Key Usage'), /Key Usage: critical\s+Certificate Sign, CRL Sign\s/);
    assert.doesNotMatch(text, /Extended Key Usage/);
    const ski = section(ssl.text('ca.crt'), 'X509v3 Subject Key Identifier').split('\n')[1].trim();
    const aki = section(text, 'X509v3 Authority Key Identifier').split('\n')[1].trim().replace(/^keyid:/, '');
    assert.equal(aki, ski);
  });

  it("names the anchor as the issuer's issuer with byte-identical DER", () => {
    const der = (pem: string) => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const anchor = rawNames(der(creds.trustAnchor.certPem));
    const issuer = rawNames(der(creds.issuer.certPem));
    assert.ok(issuer.issuer.equals(anchor.subject));
    assert.ok(anchor.issuer.equals(anchor.subject), 'the anchor is self-issued');
    assert.ok(!issuer.subject.equals(anchor.subject));
  });

  it('uses positive, distinct 16-byte serials', () => {
    const serial = (f: string) => ssl.run('x509', '-in', f, '-noout', '-serial').trim().replace('serial=', '');
    for (const s of [serial('ca.crt'), serial('issuer.crt')]) {
      assert.equal(s.length, 32, s);
      assert.match(s, /^[0-7]/, `serial ${s} would be negative`);
    }
    assert.notEqual(serial('ca.crt'), serial('issuer.crt'));
  });

  it('backdates notBefore a little and gives the anchor ten years and the issuer one year', () => {
    const anchor = dates(ssl, 'ca.crt');
    const issuer = dates(ssl, 'issuer.crt');
    for (const d of [anchor, issuer]) {
      assert.ok(d.notBefore.getTime() <= now.getTime() && d.notBefore.getTime() > now.getTime() - 3_600_000, `notBefore ${d.notBefore.toISOString()}`);
    }
    assert.equal(Math.round((anchor.notAfter.getTime() - now.getTime()) / DAY), 3650);
    assert.equal(Math.round((issuer.notAfter.getTime() - now.getTime()) / DAY), 365);
    assert.equal(certificateExpiry(creds.issuer.certPem, now).daysLeft, daysUntil(issuer.notAfter, now));
  });

  it('writes keys openssl can read, each matching its certificate', () => {
    for (const [crt, key] of [['ca.crt', 'ca.key'], ['issuer.crt', 'issuer.key']]) {
      assert.match(ssl.read(key), /^-----BEGIN PRIVATE KEY-----/);
      assert.equal(ssl.run('pkey', '-in', key, '-pubout'), ssl.run('x509', '-in', crt, '-noout', '-pubkey'));
    }
  });

  it('lets the issuer sign a workload certificate that verifies up to the anchor (what the identity controller does)', () => {
    ssl.run('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'leaf.key');
    ssl.run('req', '-new', '-key', 'leaf.key', '-subj', '/CN=web.emojivoto.serviceaccount.identity.linkerd.cluster.local', '-out', 'leaf.csr');
    ssl.write('leaf.ext', 'keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=DNS:web.emojivoto.serviceaccount.identity.linkerd.cluster.local\n');
    ssl.run('x509', '-req', '-in', 'leaf.csr', '-CA', 'issuer.crt', '-CAkey', 'issuer.key', '-CAcreateserial', '-sha256', '-days', '1', '-extfile', 'leaf.ext', '-out', 'leaf.crt');
    for (const purpose of ['sslserver', 'sslclient']) {
      assert.match(ssl.run('verify', '-purpose', purpose, '-CAfile', 'ca.crt', '-untrusted', 'issuer.crt', 'leaf.crt'), /leaf\.crt: OK/);
    }
  });

  it('passes our own bring-your-own validation without a single finding', () => {
    assert.deepEqual(validateIdentityMaterial(identityMaterial(creds), now), []);
  });

  it('never puts the anchor key in what goes to the cluster', () => {
    const material = identityMaterial(creds);
    assert.ok(!JSON.stringify(material).includes(creds.trustAnchor.keyPem.split('\n')[1]));
  });

  it('makes webhook serving certificates that verify for their service DNS name against the caBundle', async () => {
    const hooks = await generateWebhookCredentials('linkerd', now);
    ssl.write('webhook-ca.crt', hooks.caBundlePem);
    for (const name of WEBHOOKS) {
      const crt = ssl.write(`${name}.crt`, hooks.servers[name].certPem);
      const key = ssl.write(`${name}.key`, hooks.servers[name].keyPem);
      const host = webhookHost(name, 'linkerd');
      assert.match(ssl.run('verify', '-purpose', 'sslserver', '-verify_hostname', host, '-CAfile', 'webhook-ca.crt', crt), /OK/);
      assert.equal(ssl.run('pkey', '-in', key, '-pubout'), ssl.run('x509', '-in', crt, '-noout', '-pubkey'));
      const text = ssl.text(crt);
      assert.match(text, /ASN1 OID: prime256v1/);
      assert.match(text, /CA:FALSE/);
      assert.match(text, new RegExp(`DNS:${host.replace(/\./g, '\\.')}`));
      assert.ok(!ssl.attempt('verify', '-purpose', 'sslserver', '-verify_hostname', 'linkerd-other.linkerd.svc', '-CAfile', 'webhook-ca.crt', crt).ok);
    }
  });
});
