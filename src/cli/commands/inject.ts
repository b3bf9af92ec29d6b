import { readFile, writeFile } from 'node:fs/promises';
import { findInjectionTargets, planBatch, targetLabel, type BatchOutcome, type BatchPlan, type MeshRequest, type NamespaceLookup } from '../../core/inject';
import { applyEdits } from '../../core/text/lineIndex';
import { decodeUtf8 } from '../../core/text/utf8';
import { parseManifest, type ParsedManifest } from '../../core/yaml/manifest';
import { writeLines } from '../terminal';
import { defineCommand, UsageError } from '../command';
import type { CliIo } from '../io';

const USAGE = `Usage: meshaware inject [--remove] [--ingress] [--in-place] FILE...

Adds linkerd.io/inject to every workload's pod template, Pod and Namespace in the files (and in the items of a
kind: List; FILE '-' reads stdin), changing nothing else in the text, and prints the result; a report per
object goes to stderr. It decides as Add to mesh does in the editor: objects opted out with
linkerd.io/inject: disabled, and workloads meshed through a Namespace in the files, are left alone. Pods that
linkerd inject refuses are refused: host network, another mesh's sidecar, a Linkerd proxy already written into
the manifest, Linkerd's own control-plane components. UDP ports are reported; the pod is still annotated.

Options:
  --ingress       annotate with 'ingress' instead of 'enabled' (the proxy runs in ingress mode)
  --remove        remove the annotation instead, and a Linkerd proxy written into the manifest (as linkerd uninject)
  --in-place, -i  write each file back instead of printing it

Exit status: 0 done; 1 nothing was written, because a file could not be read, is not UTF-8, has YAML syntax
errors or templates, or an object was refused or could not be edited; 2 the command line is wrong.`;

interface Input {
  readonly name: string;
  readonly path: string | undefined;
  readonly parsed: ParsedManifest;
}

const STDIN_NAME = '<stdin>';
/** Per file: a binary or mangled file must not flood the terminal with thousands of parser messages. */
const MAX_PROBLEMS = 10;
const MAX_MESSAGE = 200;

async function readStdin(io: CliIo): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

/** The file's text, or why it is refused: only valid UTF-8 can be edited without changing bytes outside the edit. */
function decode(name: string, bytes: Buffer): { text: string } | { problem: string } {
  const decoded = decodeUtf8(bytes);
  if ('text' in decoded) return decoded;
  const at = decoded.invalidAt;
  const lineStart = bytes.lastIndexOf(0x0a, at - 1) + 1;
  const line = bytes.subarray(0, at).filter((b) => b === 0x0a).length + 1;
  const column = bytes.subarray(lineStart, at).toString('utf8').length + 1;
  return {
    problem: `${name}:${line}:${column}: not UTF-8 (byte 0x${bytes[at].toString(16).padStart(2, '0')}); Kubernetes reads manifests as UTF-8 (kubectl refuses this file too) and inject edits only what it can write back byte for byte: convert the file to UTF-8 first`,
  };
}

function located(input: Input, offset: number, message: string): string {
  const { line, character } = input.parsed.lines.positionAt(offset);
  return `${input.name}:${line + 1}:${character + 1}: ${message}`;
}

/** Every reason the file cannot be injected as a whole, located, with repeats and overflow summarised. */
function problemsOf(input: Input): string[] {
  if (input.parsed.templated) return [`${input.name}: contains template syntax ({{ }}); inject the rendered manifests instead`];
  const seen = new Map<string, { offset: number; count: number }>();
  for (const e of input.parsed.documents.flatMap((d) => d.errors)) {
    const message = e.message.length > MAX_MESSAGE ? `${e.message.slice(0, MAX_MESSAGE)}…` : e.message;
    const entry = seen.get(message);
    if (entry) entry.count++;
    else seen.set(message, { offset: e.start, count: 1 });
  }
  const lines = [...seen].slice(0, MAX_PROBLEMS).map(([message, { offset, count }]) => located(input, offset, count > 1 ? `${message} (and ${count - 1} more like it)` : message));
  if (seen.size > MAX_PROBLEMS) lines.push(`${input.name}: ${seen.size - MAX_PROBLEMS} more problems; is this a YAML file?`);
  return lines;
}

/** Namespaces annotated in any of the files, for "meshed through the namespace". */
function namespacesIn(inputs: readonly Input[]): NamespaceLookup {
  const values = new Map<string, string>();
  for (const input of inputs) {
    for (const t of findInjectionTargets(input.parsed)) if (t.role === 'namespace' && t.name && t.annotation !== undefined) values.set(t.name, t.annotation);
  }
  return (namespace) => (values.has(namespace) ? { value: values.get(namespace)! } : undefined);
}

/** The report lines of one object: its outcome, then any warnings, each located in the file. */
function report(input: Input, outcome: BatchOutcome, request: MeshRequest): string[] {
  const { target, decision, failure } = outcome;
  const label = targetLabel(target);
  const warnings = decision.warnings.map((w) => located(input, w.offset, `warning: ${label}: ${w.message}`));
  if (failure) return [located(input, failure.offset ?? target.anchorStart, failure.message), ...warnings];
  switch (decision.kind) {
    case 'change':
      return [`${label} ${request.kind === 'add' ? 'injected' : 'uninjected'}`, ...warnings];
    case 'unchanged':
      return [`${label} unchanged: ${decision.reason}`, ...warnings];
    case 'refused': {
      const hint = decision.offer?.action.kind === 'uninject' ? ' (meshaware inject --remove takes it out)' : '';
      return [located(input, target.anchorStart, `${label} refused: ${decision.reason}${hint}`), ...warnings];
    }
  }
}

function blocks(plan: BatchPlan): boolean {
  return plan.outcomes.some((o) => o.failure || o.decision.kind === 'refused');
}

/** Joins several files' output into one multi-document stream. */
function joinDocuments(texts: readonly string[]): string {
  return texts.map((t, i) => (i < texts.length - 1 && t && !t.endsWith('\n') ? `${t}\n` : t)).join('---\n');
}

export const injectCommand = defineCommand({
  name: 'inject',
  summary: 'Add linkerd.io/inject to the workloads, Pods and Namespaces of manifest files (or remove it)',
  usage: USAGE,
  options: { remove: { type: 'boolean' }, ingress: { type: 'boolean' }, 'in-place': { type: 'boolean', short: 'i' } },
  positionals: true,
  async run({ flags, positional }, io) {
    if (!positional.length) throw new UsageError('no FILE given (use - for stdin)');
    if (flags.has('remove') && flags.has('ingress')) throw new UsageError('--ingress and --remove do not go together');
    if (positional.filter((p) => p === '-').length > 1) throw new UsageError("stdin ('-') can be read only once");
    const inPlace = flags.has('in-place');
    if (inPlace && positional.includes('-')) throw new UsageError("--in-place cannot write back to stdin ('-')");
    const request: MeshRequest = flags.has('remove') ? { kind: 'remove' } : { kind: 'add', value: flags.has('ingress') ? 'ingress' : 'enabled' };

    const inputs: Input[] = [];
    const problems: string[] = [];
    for (const path of positional) {
      const name = path === '-' ? STDIN_NAME : path;
      try {
        const decoded = decode(name, path === '-' ? await readStdin(io) : await readFile(path));
        if ('problem' in decoded) problems.push(decoded.problem);
        else inputs.push({ name, path: path === '-' ? undefined : path, parsed: parseManifest(decoded.text) });
      } catch (e) {
        problems.push(`${name}: cannot read: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    problems.push(...inputs.flatMap(problemsOf));
    if (problems.length) {
      writeLines(io.stderr, [...problems, 'nothing was written']);
      return 1;
    }

    const namespaces = namespacesIn(inputs);
    const plans = inputs.map((input) => ({ input, plan: planBatch(input.parsed, request, namespaces) }));
    for (const { input, plan } of plans) {
      if (!plan.outcomes.length) writeLines(io.stderr, [`${input.name}: no workloads, Pods or Namespaces`]);
      writeLines(
        io.stderr,
        plan.outcomes.flatMap((o) => report(input, o, request)),
      );
    }
    // As linkerd inject: one object it cannot take means no output at all, so a pipe into kubectl applies nothing.
    if (plans.some(({ plan }) => blocks(plan))) {
      writeLines(io.stderr, ['nothing was written']);
      return 1;
    }
    const outputs: string[] = [];
    for (const { input, plan } of plans) {
      const text = applyEdits(input.parsed.text, plan.edits);
      if (!inPlace) outputs.push(text);
      else if (input.path !== undefined && plan.edits.length) await writeFile(input.path, text, 'utf8');
    }
    if (!inPlace) io.stdout.write(joinDocuments(outputs));
    return 0;
  },
});
