import assert from 'node:assert/strict';
import { generateIdentityCredentials } from '../../../src/core/controlplane/certs/identity';
import { validateIdentityMaterial, type CertificateProblem } from '../../../src/core/controlplane/certs/validate';
import type { IdentityMaterial } from '../../../src/core/controlplane/certs/types';
import { CA_EXTENSIONS, OpenSslDir, P256, P384, rsa } from './support/openssl';

const ISSUER_EXT = ['basicConstraints=critical,CA:TRUE,pathlen:0', 'keyUsage=critical,keyCertSign,cRLSign'];

/** Bring-your-own certificates forged with openssl, each broken in one way, and what our validator says. */
describe('controlplane bring-your-own certificates', () => {
  let ssl: OpenSslDir;

  /** Anchor and issuer files to material; the issuer is signed by the anchor unless the caller signed it otherwise. */
  function material(anchor: string, issuer: string, issuerKey: string): IdentityMaterial {
    return { trustAnchorsPem: ssl.read(anchor), issuer: { certPem: ssl.read(issuer), keyPem: ssl.read(issuerKey) } };
  }

  function errors(problems: CertificateProblem[]): string[] {
    return problems.filter((p) => p.severity === 'error').map((p) => `${p.role}: ${p.message}`);
  }

  /** Exactly one error, matching `pattern`: each forged defect must be named, and nothing else blamed. */
  function assertSingleError(m: IdentityMaterial, pattern: RegExp, now?: Date): void {
    const found = errors(validateIdentityMaterial(m, now));
    assert.equal(found.length, 1, `expected one error, got:\n${found.join('\n')}`);
    assert.match(found[0], pattern);
  }

  before(() => {
    ssl = new OpenSslDir();
    ssl.key('anchor.key', P256);
    ssl.selfSigned('anchor.crt', 'anchor.key', 'root.linkerd.cluster.local', CA_EXTENSIONS, 3650);
    ssl.key('issuer.key', P256);
    ssl.signed('issuer.crt', 'issuer.key', 'identity.linkerd.cluster.local', 'anchor.crt', 'anchor.key', ISSUER_EXT);
  });
  after(() => ssl.dispose());

  it('accepts a well-formed openssl-made ECDSA chain', () => {
    assert.deepEqual(validateIdentityMaterial(material('anchor.crt', 'issuer.crt', 'issuer.key')), []);
  });

  for (const bits of [2048, 4096]) {
    it(`accepts an RSA-${bits} anchor (sha256WithRSA) over an ECDSA issuer`, function () {
      this.timeout(60_000);
      ssl.key(`rsa${bits}.key`, rsa(bits));
      ssl.selfSigned(`rsa${bits}.crt`, `rsa${bits}.key`, 'root.linkerd.cluster.local', CA_EXTENSIONS, 3650);
      ssl.signed(`issuer-rsa${bits}.crt`, 'issuer.key', 'identity.linkerd.cluster.local', `rsa${bits}.crt`, `rsa${bits}.key`, ISSUER_EXT);
      assert.deepEqual(validateIdentityMaterial(material(`rsa${bits}.crt`, `issuer-rsa${bits}.crt`, 'issuer.key')), []);
    });
  }

  it('rejects an RSA-3072 anchor', function () {
    this.timeout(60_000);
    ssl.key('rsa3072.key', rsa(3072));
    ssl.selfSigned('rsa3072.crt', 'rsa3072.key', 'root', CA_EXTENSIONS);
    ssl.signed('issuer-rsa3072.crt', 'issuer.key', 'identity', 'rsa3072.crt', 'rsa3072.key', ISSUER_EXT);
    assertSingleError(material('rsa3072.crt', 'issuer-rsa3072.crt', 'issuer.key'), /trust anchor: .*3072-bit RSA key.*exactly 2048 or 4096/);
  });

  it('rejects an RSA anchor signed with SHA-384', () => {
    ssl.key('rsa-sha384.key', rsa(2048));
    ssl.selfSigned('rsa-sha384.crt', 'rsa-sha384.key', 'root', CA_EXTENSIONS, 365, 'sha384');
    ssl.signed('issuer-sha384.crt', 'issuer.key', 'identity', 'rsa-sha384.crt', 'rsa-sha384.key', ISSUER_EXT);
    assertSingleError(material('rsa-sha384.crt', 'issuer-sha384.crt', 'issuer.key'), /trust anchor: .*signed with RSASSA-PKCS1-v1_5 with SHA-384.*only SHA256WithRSA/);
  });

  it('rejects a P-384 anchor', () => {
    ssl.key('p384.key', P384);
    ssl.selfSigned('p384.crt', 'p384.key', 'root', CA_EXTENSIONS, 365, 'sha256');
    ssl.signed('issuer-p384.crt', 'issuer.key', 'identity', 'p384.crt', 'p384.key', ISSUER_EXT);
    assertSingleError(material('p384.crt', 'issuer-p384.crt', 'issuer.key'), /trust anchor: .*secp384r1 curve.*P-256/);
  });

  it('rejects an Ed25519 anchor', () => {
    ssl.key('ed.key', ['-algorithm', 'ED25519']);
    ssl.run('req', '-x509', '-new', '-key', 'ed.key', '-subj', '/CN=root', '-days', '365', ...CA_EXTENSIONS.flatMap((e) => ['-addext', e]), '-out', 'ed.crt');
    ssl.signed('issuer-ed.crt', 'issuer.key', 'identity', 'ed.crt', 'ed.key', ISSUER_EXT);
    const found = errors(validateIdentityMaterial(material('ed.crt', 'issuer-ed.crt', 'issuer.key')));
    assert.equal(found.length, 2, found.join('\n'));
    assert.match(found[0], /trust anchor: .*key of type ed25519.*ECDSA P-256 or RSA/);
    // Linkerd's issuer rule also checks how the issuer was signed.
    assert.match(found[1], /issuer certificate: .*signed with Ed25519.*only ECDSAWithSHA256 or SHA256WithRSA/);
  });

  it('rejects an RSA issuer', () => {
    ssl.key('rsa-issuer.key', rsa(2048));
    ssl.signed('rsa-issuer.crt', 'rsa-issuer.key', 'identity', 'anchor.crt', 'anchor.key', ISSUER_EXT);
    assertSingleError(material('anchor.crt', 'rsa-issuer.crt', 'rsa-issuer.key'), /issuer certificate: .*key of type rsa.*must use ECDSA P-256/);
  });

  it('rejects an issuer that is not a CA', () => {
    ssl.signed('leafish.crt', 'issuer.key', 'identity', 'anchor.crt', 'anchor.key', ['basicConstraints=critical,CA:FALSE']);
    assertSingleError(material('anchor.crt', 'leafish.crt', 'issuer.key'), /issuer certificate: .*not a CA/);
  });

  it('rejects an anchor that is not a CA', () => {
    ssl.key('notca.key', P256);
    ssl.selfSigned('notca.crt', 'notca.key', 'root', ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,keyCertSign']);
    ssl.signed('issuer-notca.crt', 'issuer.key', 'identity', 'notca.crt', 'notca.key', ISSUER_EXT);
    assertSingleError(material('notca.crt', 'issuer-notca.crt', 'issuer.key'), /trust anchor: .*not a CA/);
  });

  it('rejects an anchor with path length 0, which Linkerd itself lets through', () => {
    ssl.key('pathlen0.key', P256);
    ssl.selfSigned('pathlen0.crt', 'pathlen0.key', 'root', ['basicConstraints=critical,CA:TRUE,pathlen:0', 'keyUsage=critical,keyCertSign,cRLSign']);
    ssl.signed('issuer-pathlen0.crt', 'issuer.key', 'identity', 'pathlen0.crt', 'pathlen0.key', ISSUER_EXT);
    assertSingleError(material('pathlen0.crt', 'issuer-pathlen0.crt', 'issuer.key'), /trust anchor: .*path length 0.*too many intermediates/);
  });

  it('rejects an issuer whose extended key usage is codeSigning only', () => {
    ssl.signed('codesign.crt', 'issuer.key', 'identity', 'anchor.crt', 'anchor.key', [...ISSUER_EXT, 'extendedKeyUsage=codeSigning']);
    assertSingleError(material('anchor.crt', 'codesign.crt', 'issuer.key'), /issuer certificate: .*without serverAuth and clientAuth/);
  });

  it('rejects an issuer whose key usage lacks keyCertSign', () => {
    ssl.signed('nosign.crt', 'issuer.key', 'identity', 'anchor.crt', 'anchor.key', ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,digitalSignature']);
    const found = errors(validateIdentityMaterial(material('anchor.crt', 'nosign.crt', 'issuer.key')));
    assert.ok(found.some((e) => /issuer certificate: .*without keyCertSign/.test(e)), found.join('\n'));
  });

  it('rejects a negative serial number, which Go refuses to parse', () => {
    ssl.key('negative.key', P256);
    ssl.run('req', '-x509', '-new', '-key', 'negative.key', '-subj', '/CN=root', '-set_serial', '-0x0123', '-days', '365', ...CA_EXTENSIONS.flatMap((e) => ['-addext', e]), '-out', 'negative.crt');
    ssl.signed('issuer-negative.crt', 'issuer.key', 'identity', 'negative.crt', 'negative.key', ISSUER_EXT);
    assertSingleError(material('negative.crt', 'issuer-negative.crt', 'issuer.key'), /trust anchor: .*negative serial number/);
  });

  it('rejects an issuer signed by a different anchor', () => {
    ssl.key('other.key', P256);
    ssl.selfSigned('other.crt', 'other.key', 'other-root', CA_EXTENSIONS);
    ssl.signed('foreign.crt', 'issuer.key', 'identity', 'other.crt', 'other.key', ISSUER_EXT);
    assertSingleError(material('anchor.crt', 'foreign.crt', 'issuer.key'), /issuer certificate: .*issued by "CN=other-root", which is not any trust anchor/);
  });

  it('rejects an issuer that names the anchor but carries another key\'s signature', () => {
    ssl.key('impostor.key', P256);
    ssl.selfSigned('impostor.crt', 'impostor.key', 'root.linkerd.cluster.local', CA_EXTENSIONS);
    ssl.signed('forged.crt', 'issuer.key', 'identity', 'impostor.crt', 'impostor.key', ISSUER_EXT);
    assertSingleError(material('anchor.crt', 'forged.crt', 'issuer.key'), /issuer certificate: .*not signed by that anchor's key/);
  });

  it('rejects an issuer whose issuer name matches the anchor in text but not in DER bytes', () => {
    // Same key and CN, but PrintableString instead of openssl's default UTF8String.
    const config = ssl.write('printable.cnf', '[req]\ndistinguished_name=dn\nstring_mask=default\n[dn]\n');
    ssl.run('req', '-x509', '-new', '-key', 'anchor.key', '-subj', '/CN=root.linkerd.cluster.local', '-config', config, '-days', '365', ...CA_EXTENSIONS.flatMap((e) => ['-addext', e]), '-out', 'printable.crt');
    ssl.signed('issuer-printable.crt', 'issuer.key', 'identity', 'printable.crt', 'anchor.key', ISSUER_EXT);
    assertSingleError(material('anchor.crt', 'issuer-printable.crt', 'issuer.key'), /issuer certificate: .*encoded differently from the trust anchor's subject/);
    assert.deepEqual(validateIdentityMaterial(material('printable.crt', 'issuer-printable.crt', 'issuer.key')), []);
  });

  it('rejects an issuer key that does not match the issuer certificate', () => {
    ssl.key('stranger.key', P256);
    assertSingleError(material('anchor.crt', 'issuer.crt', 'stranger.key'), /issuer key: does not match/);
  });

  it('rejects an issuer key in an unsupported PEM block', () => {
    ssl.run('pkey', '-in', 'issuer.key', '-pubout', '-out', 'issuer.pub');
    assertSingleError(material('anchor.crt', 'issuer.crt', 'issuer.pub'), /issuer key: unsupported block type PUBLIC KEY/);
  });

  it('accepts the issuer key as SEC1 "EC PRIVATE KEY" too', () => {
    ssl.run('ec', '-in', 'issuer.key', '-out', 'issuer-sec1.key');
    assert.match(ssl.read('issuer-sec1.key'), /BEGIN EC PRIVATE KEY/);
    assert.deepEqual(validateIdentityMaterial(material('anchor.crt', 'issuer.crt', 'issuer-sec1.key')), []);
  });

  it('accepts a bundle of two anchors (mid-rotation) with the issuer signed by the second', () => {
    ssl.key('next.key', P256);
    ssl.selfSigned('next.crt', 'next.key', 'next-root', CA_EXTENSIONS, 3650);
    ssl.signed('issuer-next.crt', 'issuer.key', 'identity', 'next.crt', 'next.key', ISSUER_EXT);
    const m = material('anchor.crt', 'issuer-next.crt', 'issuer.key');
    assert.deepEqual(validateIdentityMaterial({ ...m, trustAnchorsPem: m.trustAnchorsPem + ssl.read('next.crt') }), []);
    assertSingleError(m, /issuer certificate: .*issued by "CN=next-root", which is not any trust anchor/);
  });

  it('rejects a private key inside the trust anchor bundle', () => {
    const m = material('anchor.crt', 'issuer.crt', 'issuer.key');
    assertSingleError({ ...m, trustAnchorsPem: m.trustAnchorsPem + ssl.read('anchor.key') }, /trust anchor: block 2 of the bundle is a PRIVATE KEY.*ignores the rest, and a private key must never be shipped/);
  });

  it('rejects input without any certificate', () => {
    const m = material('anchor.crt', 'issuer.crt', 'issuer.key');
    assertSingleError({ ...m, trustAnchorsPem: 'not a pem' }, /trust anchor: no PEM CERTIFICATE block/);
  });

  it('rejects expired and not-yet-valid certificates, and warns within 60 days of expiry', async () => {
    const fresh = await generateIdentityCredentials({ trustAnchorDays: 3650, issuerDays: 100 });
    const m = { trustAnchorsPem: fresh.trustAnchor.certPem, issuer: fresh.issuer };
    const later = (days: number) => new Date(Date.now() + days * 86_400_000);
    const expired = errors(validateIdentityMaterial(m, later(200)));
    assert.deepEqual(expired.length, 1, expired.join('\n'));
    assert.match(expired[0], /issuer certificate: .*expired on/);
    const early = errors(validateIdentityMaterial(m, later(-1)));
    assert.equal(early.length, 2, early.join('\n'));
    assert.ok(early.every((e) => /not valid before/.test(e)));
    const soon = validateIdentityMaterial(m, later(70));
    assert.deepEqual(soon.map((p) => [p.severity, p.role]), [['warning', 'issuer certificate']]);
    assert.match(soon[0].message, /will expire on .* in 29 days \(less than 60\)/);
  });
});
