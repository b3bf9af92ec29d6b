import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A scratch directory driven by the openssl binary: the independent judge of what our code generates, and the
 * forger of the bad certificates our validator must reject.
 */
export class OpenSslDir {
  readonly dir = mkdtempSync(join(tmpdir(), 'meshaware-certs-'));

  /** Runs openssl; throws with its stderr when it exits non-zero. */
  run(...args: string[]): string {
    return execFileSync('openssl', args, { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Runs openssl and returns stdout+stderr and whether it succeeded, for commands expected to fail. */
  attempt(...args: string[]): { ok: boolean; output: string } {
    try {
      return { ok: true, output: this.run(...args) };
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      return { ok: false, output: `${err.stdout ?? ''}${err.stderr ?? ''}` };
    }
  }

  write(name: string, text: string): string {
    writeFileSync(join(this.dir, name), text);
    return name;
  }

  read(name: string): string {
    return readFileSync(join(this.dir, name), 'utf8');
  }

  /** `openssl x509 -text -noout` of a certificate. */
  text(certFile: string): string {
    return this.run('x509', '-in', certFile, '-noout', '-text');
  }

  /** A key of the given openssl genpkey spec, e.g. ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']. */
  key(name: string, spec: readonly string[]): string {
    this.run('genpkey', ...spec, '-out', name);
    return name;
  }

  /** A self-signed certificate for `key` with the given `-addext` extensions. */
  selfSigned(name: string, key: string, cn: string, extensions: readonly string[], days = 365, digest = 'sha256'): string {
    this.run('req', '-x509', '-new', '-key', key, `-${digest}`, '-subj', `/CN=${cn}`, '-days', String(days), ...extensions.flatMap((e) => ['-addext', e]), '-out', name);
    return name;
  }

  /** A certificate for `key`, signed by `caCert`/`caKey`, with the given extension lines. */
  signed(name: string, key: string, cn: string, caCert: string, caKey: string, extensions: readonly string[], days = 365): string {
    const csr = `${name}.csr`;
    this.run('req', '-new', '-key', key, '-subj', `/CN=${cn}`, '-out', csr);
    const ext = this.write(`${name}.ext`, `${extensions.join('\n')}\n`);
    this.run('x509', '-req', '-in', csr, '-CA', caCert, '-CAkey', caKey, '-CAcreateserial', '-sha256', '-days', String(days), '-extfile', ext, '-out', name);
    return name;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export const P256 = ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'] as const;
export const P384 = ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'] as const;
export const rsa = (bits: number): string[] => ['-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${bits}`];
export const CA_EXTENSIONS = ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign'];
