import { readFile, realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { changeScope, filesInScope } from '../../core/lint/changeScope';
import { lintFiles } from '../../core/lint/engine';
import { unreadableFinding } from '../../core/lint/gate';
import { formatJson } from '../../core/lint/format/json';
import { formatSarif } from '../../core/lint/format/sarif';
import { formatText } from '../../core/lint/format/text';
import { productVersion } from '../../core/productVersion';
import { lintImpact } from '../../core/policy/impactLint';
import type { Finding, Severity } from '../../core/lint/types';
import { DEFAULT_MAX_FILE_SIZE } from '../../core/yaml/input';
import type { TextSource } from '../../core/text/types';
import { defineCommand, UsageError } from '../command';
import { writeText } from '../terminal';
import { plural } from '../../core/text/plural';
import { changedSince } from '../gitChanges';
import { readAll, walkYaml } from '../walk';
import type { CliIo } from '../io';

const USAGE = `Usage: meshaware lint [-o text|json|sarif] [--fail-on error|warning|info] [--max-size CHARS] [-L NS] [--impact FILE] PATH...

Lints Linkerd policy and annotations in manifest files. A PATH that is a folder is searched recursively for
*.yaml and *.yml files (node_modules and hidden folders are skipped); all files are linted together, so
references between them are checked.

Options:
  -o, --output F text (default): FILE:LINE:COL SEVERITY CODE message (Kind name.namespace), 1-based
                 json: an array of {file, range, severity, code, message, resource}, 0-based
                 sarif: SARIF 2.1.0, for code-scanning uploads
                 (--format F, -f F: the same, its old name)
  --fail-on S    the lowest severity that makes the exit status 1 (default: error)
  --max-size N   skip files longer than N characters with an info finding (default: ${DEFAULT_MAX_FILE_SIZE})
  -L, --linkerd-namespace NS
                 the namespace of Linkerd's control plane, part of every mesh identity (default: linkerd)
  --changed-since REF
                 lint only the files changed since the git commit REF (committed, staged, unstaged or
                 untracked) and the files they may reference or be referenced by (those naming the same
                 namespaces), for large repositories and pull requests
  --impact FILE  also preview the policy's effect on observed traffic, exported by \`meshaware authz -o json\`
                 (per server port and route) or \`meshaware edges -o json\`: MA501 for requests allowed now that
                 the policy in PATH would deny, MA502 for denied ones it would allow. It covers only the traffic
                 in FILE, and only destinations whose workload manifests are among the PATHs

A file or folder that cannot be read is reported as an MA007 error finding and the rest is linted. Symbolic
links are followed, each real file and folder once.

Exit status: 0 no finding at or above --fail-on; 1 at least one; 2 the command line is wrong or a PATH
does not exist; 3 the lint could not run to the end (nothing it printed can be trusted as complete).`;

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };
/** Distinct from 1 (findings): the lint did not finish, so the absence of findings means nothing. */
const COULD_NOT_RUN = 3;
const FORMATS = ['text', 'json', 'sarif'] as const;

/** The files a change since `ref` touches and those that may reference them; says how many on stderr. */
async function inChangeScope<T extends TextSource>(io: CliIo, files: readonly T[], ref: string, format: string): Promise<T[]> {
  const changes = await changedSince(ref, process.cwd());
  const real = await Promise.all(files.map((f) => realpath(f.uri).catch(() => resolve(f.uri))));
  const changed = files.filter((_, i) => changes.changed.has(real[i]));
  const scope = changeScope([...changed.map((f) => f.text), ...changes.before]);
  const related = new Set([...changed, ...filesInScope(files, scope)]);
  const selected = files.filter((f) => related.has(f));
  if (format === 'text') io.stderr.write(`${changed.length} of ${plural(files.length, 'file')} changed since ${ref}; linting ${selected.length} that they touch or reference\n`);
  return selected;
}

/** MA501/MA502 findings for the exported traffic in `file` under the policy of every file given (not only changed ones). */
async function impactOf(io: CliIo, file: string, files: readonly TextSource[], format: string, maxFileSize: number | undefined): Promise<Finding[]> {
  let traffic: unknown;
  try {
    traffic = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`--impact ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let impact: ReturnType<typeof lintImpact>;
  try {
    impact = lintImpact(files, traffic, { maxFileSize });
  } catch (e) {
    throw new UsageError(`--impact ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const { result } = impact;
  if (format === 'text') io.stderr.write(`impact: ${result.evaluated} observed flow(s) evaluated, ${result.items.length} would change; ${result.unresolved.length} flow(s) to workloads not in the PATHs were skipped (observed traffic only)\n`);
  return impact.findings;
}

export const lintCommand = defineCommand({
  name: 'lint',
  summary: 'Check Linkerd policy and annotations in manifest files, as the API server and Linkerd would',
  usage: USAGE,
  options: {
    output: { type: 'string', short: 'o' },
    format: { type: 'string', short: 'f' },
    'fail-on': { type: 'string' },
    'max-size': { type: 'string' },
    'changed-since': { type: 'string' },
    'linkerd-namespace': { type: 'string', short: 'L' },
    impact: { type: 'string' },
  },
  positionals: true,
  async run({ flags, positional }, io) {
    if (flags.has('output') && flags.has('format')) throw new UsageError('use --output (or its old name --format), not both');
    const format = (flags.get('output') ?? flags.get('format') ?? 'text') as string;
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--output must be one of ${FORMATS.join(', ')}, not '${format}'`);
    const failOn = (flags.get('fail-on') ?? 'error') as string;
    if (!(failOn in RANK)) throw new UsageError(`--fail-on must be error, warning or info, not '${failOn}'`);
    const maxSizeText = flags.get('max-size');
    const maxFileSize = maxSizeText === undefined ? undefined : Number(maxSizeText);
    if (maxFileSize !== undefined && (!Number.isInteger(maxFileSize) || maxFileSize <= 0)) throw new UsageError(`--max-size must be a positive whole number of characters, not '${String(maxSizeText)}'`);
    if (!positional.length) throw new UsageError('no PATH given');
    const changedSinceRef = flags.get('changed-since') as string | undefined;
    const controlPlaneNamespace = flags.get('linkerd-namespace') as string | undefined;
    const impactFile = flags.get('impact') as string | undefined;

    let findings: Finding[];
    let linted: number;
    const texts = new Map<string, string>();
    try {
      const { files: paths, unreadable } = await walkYaml(positional);
      const all = await readAll(paths, unreadable);
      const files = changedSinceRef === undefined ? all : await inChangeScope(io, all, changedSinceRef, format);
      linted = files.length;
      for (const f of impactFile === undefined ? files : all) texts.set(f.uri, f.text);
      const refused = unreadable.map((u) => unreadableFinding(u.path, u.folder, u.reason));
      findings = [...refused, ...lintFiles(files, { maxFileSize, cluster: controlPlaneNamespace === undefined ? undefined : { controlPlaneNamespace }, log: (m) => writeText(io.stderr, `${m}\n`) })];
      if (impactFile !== undefined) findings.push(...(await impactOf(io, impactFile, all, format, maxFileSize)));
    } catch (e) {
      if (e instanceof UsageError) throw e;
      writeText(io.stderr, `meshaware lint: could not run: ${e instanceof Error ? e.message : String(e)}\n`);
      return COULD_NOT_RUN;
    }

    const name = (uri: string) => uri;
    const output = format === 'json' ? formatJson(findings, name) : format === 'sarif' ? formatSarif({ findings, fileName: name, textOf: (uri) => texts.get(uri), version: productVersion }) : formatText(findings, name);
    // Text holds names and messages from the files: terminal-safe; JSON and SARIF escape them themselves.
    if (format === 'text') writeText(io.stdout, output);
    else io.stdout.write(output);
    if (format === 'text') io.stderr.write(`${plural(linted, 'file')}, ${plural(findings.length, 'finding')}\n`);
    const threshold = RANK[failOn as Severity];
    return findings.some((f) => RANK[f.severity] >= threshold) ? 1 : 0;
  },
});
