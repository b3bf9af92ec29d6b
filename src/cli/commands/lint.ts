import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { lintFiles } from '../../core/lint/engine';
import { formatJson } from '../../core/lint/format/json';
import { formatSarif } from '../../core/lint/format/sarif';
import { formatText } from '../../core/lint/format/text';
import { productVersion } from '../../core/productVersion';
import { DEFAULT_MAX_FILE_SIZE, type Finding, type Severity } from '../../core/lint/types';
import type { TextSource } from '../../core/text/types';
import { parseArgs } from '../args';
import { UsageError, type CliCommand } from '../usage';
import { writeText } from '../terminal';
import { plural } from '../../core/text/plural';

const USAGE = `Usage: meshaware lint [--format text|json|sarif] [--fail-on error|warning|info] [--max-size CHARS] PATH...

Lints Linkerd policy and annotations in manifest files. A PATH that is a folder is searched recursively for
*.yaml and *.yml files (node_modules and hidden folders are skipped); all files are linted together, so
references between them are checked.

Options:
  --format F     text (default): FILE:LINE:COL SEVERITY CODE message (Kind name.namespace), 1-based
                 json: an array of {file, range, severity, code, message, resource}, 0-based
                 sarif: SARIF 2.1.0, for code-scanning uploads
  --fail-on S    the lowest severity that makes the exit status 1 (default: error)
  --max-size N   skip files longer than N characters with an info finding (default: ${DEFAULT_MAX_FILE_SIZE})

Exit status: 0 no finding at or above --fail-on; 1 at least one; 2 the command line is wrong or a PATH
does not exist.`;

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };
const FORMATS = ['text', 'json', 'sarif'] as const;

/** Every YAML file under a path, in a stable order; an explicitly named file is taken whatever its extension. */
async function collect(path: string, out: string[], explicit: boolean): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch {
    if (explicit) throw new UsageError(`no such file or folder: ${path}`);
    return;
  }
  if (info.isFile()) {
    if (explicit || /\.ya?ml$/i.test(path)) out.push(path);
    return;
  }
  if (!info.isDirectory()) return;
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.isDirectory() && (e.name === 'node_modules' || e.name.startsWith('.'))) continue;
    await collect(join(path, e.name), out, false);
  }
}

export const lintCommand: CliCommand = {
  name: 'lint',
  summary: 'Check Linkerd policy and annotations in manifest files, as the API server and Linkerd would',
  usage: USAGE,
  async run(args) {
    const { flags, positional } = parseArgs(args, { format: 'string', 'fail-on': 'string', 'max-size': 'string', help: 'boolean' }, { '-f': 'format', '-h': 'help' });
    if (flags.has('help')) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const format = (flags.get('format') ?? 'text') as string;
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not '${format}'`);
    const failOn = (flags.get('fail-on') ?? 'error') as string;
    if (!(failOn in RANK)) throw new UsageError(`--fail-on must be error, warning or info, not '${failOn}'`);
    const maxSizeText = flags.get('max-size');
    const maxFileSize = maxSizeText === undefined ? undefined : Number(maxSizeText);
    if (maxFileSize !== undefined && (!Number.isInteger(maxFileSize) || maxFileSize <= 0)) throw new UsageError(`--max-size must be a positive whole number of characters, not '${String(maxSizeText)}'`);
    if (!positional.length) throw new UsageError('no PATH given');

    const paths: string[] = [];
    for (const p of positional) await collect(p, paths, true);
    const files: TextSource[] = await Promise.all([...new Set(paths)].map(async (uri) => ({ uri, text: await readFile(uri, 'utf8') })));
    const findings: Finding[] = lintFiles(files, { maxFileSize, log: (m) => writeText(process.stderr, `${m}\n`) });

    const name = (uri: string) => uri;
    const output = format === 'json' ? formatJson(findings, name) : format === 'sarif' ? formatSarif(findings, name, productVersion) : formatText(findings, name);
    // Text holds names and messages from the files: terminal-safe; JSON and SARIF escape them themselves.
    if (format === 'text') writeText(process.stdout, output);
    else process.stdout.write(output);
    if (format === 'text') process.stderr.write(`${plural(files.length, 'file')}, ${plural(findings.length, 'finding')}\n`);
    const threshold = RANK[failOn as Severity];
    return findings.some((f) => RANK[f.severity] >= threshold) ? 1 : 0;
  },
};
