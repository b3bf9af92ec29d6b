import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { certificateExpiry } from '../../core/controlplane/certs/expiry';
import { generateIdentityCredentials } from '../../core/controlplane/certs/identity';
import { parseArgs } from '../args';
import { writeNew } from '../files';
import { UsageError, type CliCommand } from '../usage';
import { writeText } from '../terminal';

const USAGE = `Usage: meshaware certs generate --out DIR [--force]

Generates a Linkerd trust anchor and an issuer signed by it (both ECDSA P-256) and writes
ca.crt, ca.key, issuer.crt and issuer.key into DIR. Keys are written with mode 0600.
The trust anchor key (ca.key) is only needed to sign future issuers: keep it out of the cluster.

Options:
  --out DIR   directory to write into (must exist)
  --force     replace existing files`;

async function generate(args: string[]): Promise<number> {
  const { flags, positional } = parseArgs(args, { out: 'string', force: 'boolean' });
  if (positional.length) throw new UsageError(`unexpected argument '${positional[0]}'`);
  const out = flags.get('out');
  if (typeof out !== 'string') throw new UsageError('--out DIR is required');
  const dir = await stat(out).catch(() => undefined);
  if (!dir?.isDirectory()) throw new Error(`${out} is not a directory (create it first)`);
  const force = flags.has('force');
  const creds = await generateIdentityCredentials();
  const files: [string, string, number][] = [
    ['ca.crt', creds.trustAnchor.certPem, 0o644],
    ['ca.key', creds.trustAnchor.keyPem, 0o600],
    ['issuer.crt', creds.issuer.certPem, 0o644],
    ['issuer.key', creds.issuer.keyPem, 0o600],
  ];
  for (const [name, text, mode] of files) await writeNew(join(out, name), text, mode, force);
  const anchor = certificateExpiry(creds.trustAnchor.certPem);
  const issuer = certificateExpiry(creds.issuer.certPem);
  writeText(
    process.stdout,
    `Wrote ${files.map(([n]) => join(out, n)).join(', ')}\n` +
      `Trust anchor expires ${anchor.notAfter.toISOString()} (${anchor.daysLeft} days); issuer expires ${issuer.notAfter.toISOString()} (${issuer.daysLeft} days).\n`,
  );
  return 0;
}

export const certsCommand: CliCommand = {
  name: 'certs',
  summary: 'Generate Linkerd identity certificates (trust anchor and issuer)',
  usage: USAGE,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === '--help' || sub === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (sub !== 'generate') throw new UsageError(sub ? `unknown sub-command '${sub}'` : 'a sub-command is required');
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    return generate(rest);
  },
};
