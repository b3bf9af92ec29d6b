import { access, constants, link, rename, stat, unlink } from 'node:fs/promises';
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
Everything is checked first: if DIR is missing or not writable, or (without --force) any of the
four files exists, nothing is written. The files are written under temporary names and only then
put in place, so a failure never leaves a certificate without its key.

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
  const names = ['ca.crt', 'ca.key', 'issuer.crt', 'issuer.key'];
  // All four or none: a refusal after the first file would leave a certificate without its key.
  const present = force ? [] : (await Promise.all(names.map(async (n) => ((await stat(join(out, n)).catch(() => undefined)) ? n : undefined)))).filter((n) => n !== undefined);
  if (present.length) throw new Error(`${present.map((n) => join(out, n)).join(', ')} already exist${present.length === 1 ? 's' : ''}; nothing was written. Use --force to replace them, or another --out folder.`);
  await access(out, constants.W_OK).catch((e: NodeJS.ErrnoException) => {
    throw new Error(`${out} is not writable (${e.code ?? e.message}); nothing was written.`, { cause: e });
  });
  const creds = await generateIdentityCredentials();
  const files: [string, string, number][] = [
    ['ca.crt', creds.trustAnchor.certPem, 0o644],
    ['ca.key', creds.trustAnchor.keyPem, 0o600],
    ['issuer.crt', creds.issuer.certPem, 0o644],
    ['issuer.key', creds.issuer.keyPem, 0o600],
  ];
  await putInPlace(out, files, force);
  const anchor = certificateExpiry(creds.trustAnchor.certPem);
  const issuer = certificateExpiry(creds.issuer.certPem);
  writeText(
    process.stdout,
    `Wrote ${files.map(([n]) => join(out, n)).join(', ')}\n` +
      `Trust anchor expires ${anchor.notAfter.toISOString()} (${anchor.daysLeft} days); issuer expires ${issuer.notAfter.toISOString()} (${issuer.daysLeft} days).\n`,
  );
  return 0;
}

/**
 * Writes every file under a temporary name first (a full disk or a quota stops here, before any target is
 * touched), then moves them into place: without --force through link(2), which refuses a file that
 * appeared meanwhile; with it through rename(2), which replaces atomically.
 */
async function putInPlace(dir: string, files: readonly [string, string, number][], force: boolean): Promise<void> {
  const staged = (name: string) => join(dir, `.${name}.${process.pid}.partial`);
  const cleanUp = () => Promise.all(files.map(([n]) => unlink(staged(n)).catch(() => undefined)));
  try {
    for (const [name, text, mode] of files) await writeNew(staged(name), text, mode, true);
    const placed: string[] = [];
    for (const [name] of files) {
      const target = join(dir, name);
      if (force) await rename(staged(name), target);
      else {
        await link(staged(name), target).catch(async (e: NodeJS.ErrnoException) => {
          // Another process wrote one of the files since the check: take back what this run placed.
          await Promise.all(placed.map((p) => unlink(p).catch(() => undefined)));
          throw new Error(`${target} appeared while generating; nothing was written (${e.code ?? e.message}).`, { cause: e });
        });
        placed.push(target);
      }
    }
  } finally {
    await cleanUp();
  }
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
