import { readFile, writeFile } from 'node:fs/promises';
import { planBatch, targetLabel, type BatchMode, type BatchOutcome } from '../../core/inject';
import { applyEdits } from '../../core/text/lineIndex';
import { parseManifest, type ParsedManifest } from '../../core/yaml/manifest';
import { parseArgs } from '../args';
import { UsageError, type CliCommand } from '../usage';

const USAGE = `Usage: meshaware inject [--remove] [--ingress] [--in-place] FILE...

Adds linkerd.io/inject to every workload's pod template, Pod and Namespace in the files (FILE '-' reads stdin),
changing nothing else in the text, and prints the result; a report per object goes to stderr.

Options:
  --ingress       annotate with 'ingress' instead of 'enabled' (the proxy runs in ingress mode)
  --remove        remove the annotation instead
  --in-place, -i  write each file back instead of printing it

Exit status: 0 done; 1 a file could not be read, has YAML syntax errors or templates (nothing is written
then), or an object could not be edited (the others are); 2 the command line is wrong.`;

interface Input {
  readonly name: string;
  readonly path: string | undefined;
  readonly parsed: ParsedManifest;
}

const STDIN_NAME = '<stdin>';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString('utf8');
}

function located(input: Input, offset: number, message: string): string {
  const { line, character } = input.parsed.lines.positionAt(offset);
  return `${input.name}:${line + 1}:${character + 1}: ${message}`;
}

/** Every reason the file cannot be injected as a whole, located; empty when it can. */
function problemsOf(input: Input): string[] {
  if (input.parsed.templated) return [`${input.name}: contains template syntax ({{ }}); inject the rendered manifests instead`];
  return input.parsed.documents.flatMap((d) => d.errors.map((e) => located(input, e.start, e.message)));
}

function reportLine(input: Input, outcome: BatchOutcome): string {
  const label = targetLabel(outcome.target);
  switch (outcome.result) {
    case 'injected':
    case 'uninjected':
      return `${label} ${outcome.result}`;
    case 'failed':
      return located(input, outcome.offset ?? outcome.target.document.anchorStart, outcome.reason ?? 'cannot be edited');
    default:
      return `${label} ${outcome.result}: ${outcome.reason}`;
  }
}

/** Joins several files' output into one multi-document stream. */
function joinDocuments(texts: readonly string[]): string {
  return texts.map((t, i) => (i < texts.length - 1 && t && !t.endsWith('\n') ? `${t}\n` : t)).join('---\n');
}

export const injectCommand: CliCommand = {
  name: 'inject',
  summary: 'Add linkerd.io/inject to the workloads, Pods and Namespaces of manifest files (or remove it)',
  usage: USAGE,
  async run(args) {
    const { flags, positional } = parseArgs(args, { remove: 'boolean', ingress: 'boolean', 'in-place': 'boolean', help: 'boolean' }, { '-i': 'in-place', '-h': 'help' });
    if (flags.has('help')) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (!positional.length) throw new UsageError('no FILE given (use - for stdin)');
    if (flags.has('remove') && flags.has('ingress')) throw new UsageError('--ingress and --remove do not go together');
    if (positional.filter((p) => p === '-').length > 1) throw new UsageError("stdin ('-') can be read only once");
    const inPlace = flags.has('in-place');
    if (inPlace && positional.includes('-')) throw new UsageError("--in-place cannot write back to stdin ('-')");
    const mode: BatchMode = flags.has('remove') ? { kind: 'remove' } : { kind: 'add', value: flags.has('ingress') ? 'ingress' : 'enabled' };

    const inputs: Input[] = [];
    const problems: string[] = [];
    for (const path of positional) {
      const name = path === '-' ? STDIN_NAME : path;
      try {
        const text = path === '-' ? await readStdin() : await readFile(path, 'utf8');
        inputs.push({ name, path: path === '-' ? undefined : path, parsed: parseManifest(text) });
      } catch (e) {
        problems.push(`${name}: cannot read: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    problems.push(...inputs.flatMap(problemsOf));
    if (problems.length) {
      process.stderr.write(`${problems.join('\n')}\nnothing was written\n`);
      return 1;
    }

    let failed = false;
    const outputs: string[] = [];
    for (const input of inputs) {
      const plan = planBatch(input.parsed, mode);
      if (!plan.outcomes.length) process.stderr.write(`${input.name}: no workloads, Pods or Namespaces\n`);
      for (const outcome of plan.outcomes) process.stderr.write(`${reportLine(input, outcome)}\n`);
      failed ||= plan.outcomes.some((o) => o.result === 'failed');
      const text = applyEdits(input.parsed.text, plan.edits);
      if (!inPlace) outputs.push(text);
      else if (input.path !== undefined && plan.edits.length) await writeFile(input.path, text, 'utf8');
    }
    if (!inPlace) process.stdout.write(joinDocuments(outputs));
    return failed ? 1 : 0;
  },
};
