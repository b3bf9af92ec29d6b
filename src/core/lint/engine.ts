import { isMap, type Node, type YAMLMap } from 'yaml';
import { annotationBlocks, type AnnotationsBlock } from '../annotations/context';
import { findKind, findVersion, LINKERD_GROUPS, splitApiVersion } from '../schema/catalog';
import { schemaToOpenAPI } from '../schema/openapi';
import type { Schema } from '../schema/types';
import { validateNode, type SchemaProblem } from '../schema/validate';
import { LineIndex } from '../text/lineIndex';
import type { TextSource } from '../text/types';
import { ResourceIndex } from '../workspace/resourceIndex';
import { parseManifest, type ManifestDocument, type ParsedManifest } from '../yaml/manifest';
import { expandedSize, hasAliases } from './aliases';
import { checkDuplicateKeys, syntaxProblem, twoObjects } from './documentChecks';
import { ALIAS_BOMB, INTERNAL, SYNTAX } from './engineCodes';
import { refusal } from './gate';
import { ObjectView } from './model/view';
import { WorkspaceModel } from './model/workspace';
import { RULES } from './registry';
import type { Rule, RuleContext, RuleInfo, Target } from './rule';
import { isLinkerdRelevant } from './relevance';
import { suppressedLines } from './suppress';
import { DEFAULT_CLUSTER, type Finding, type Fix, type LintOptions, type ResourceRef, type Severity } from './types';

/** No hand-written manifest comes near this many nodes; an alias bomb passes it at once. */
const MAX_EXPANDED_NODES = 100_000;
const LOOKS_KUBERNETES = /^[ \t]*(apiVersion|kind)[ \t]*:/m;

/** Lints a set of files together: cross-object rules see every file. */
export function lintFiles(files: readonly TextSource[], options: LintOptions = {}): Finding[] {
  const index = new ResourceIndex();
  const parsed = new Map<string, ParsedManifest>();
  for (const f of files) {
    const p = isLintable(f.text, options) ? parseManifest(f.text) : undefined;
    if (p) {
      parsed.set(f.uri, p);
      index.setFile(f.uri, p);
    }
  }
  const workspace = new WorkspaceModel(index);
  return files.flatMap((f) => lintFile(f.uri, f.text, parsed.get(f.uri), workspace, options));
}

/** Whether a file is parsed at all (see gate.ts for the files that are not). */
export function isLintable(text: string, options: LintOptions): boolean {
  return refusal(text, options) === undefined;
}

/**
 * Which rules to run: `object` rules depend only on the file's own text, `workspace` rules also on other
 * files, so after another file changes only the `workspace` part needs recomputing.
 */
export type RulePart = 'all' | 'object' | 'workspace';

/** Lints one file against a workspace model that already holds it. `parsed` is undefined for files not parsed. */
export function lintFile(uri: string, text: string, parsed: ParsedManifest | undefined, workspace: WorkspaceModel, options: LintOptions, part: RulePart = 'all'): Finding[] {
  const out = new Collector(uri, options);
  if (!parsed) {
    if (part === 'workspace') return out.findings;
    const why = refusal(text, options);
    if (why) {
      // Refused files are not parsed, so positions come from a line index of their own (never for huge files).
      if (why.at > 0) out.lines = { lines: new LineIndex(text) };
      out.add(why.code, [why.at, why.at + (why.at > 0 ? 1 : 0)], why.message, undefined);
    }
    return out.findings;
  }
  out.lines = parsed;
  for (const document of parsed.documents) lintDocument(uri, parsed, document, workspace, options, out, part);
  return out.finish(parsed.text);
}

function lintDocument(uri: string, file: ParsedManifest, document: ManifestDocument, workspace: WorkspaceModel, options: LintOptions, out: Collector, part: RulePart): void {
  // Engine findings belong to the object part: they depend on this file's text alone.
  const local = part !== 'workspace';
  if (document.errors.length) {
    if (!local) return;
    const [start, end] = [document.doc.range[0], document.doc.range[2]];
    if (LOOKS_KUBERNETES.test(file.text.slice(start, end))) {
      const e = syntaxProblem(file, document.doc, document.errors[0]);
      out.add(SYNTAX, [e.start, e.end], `YAML syntax error: ${e.message}. Fix it to lint this document; the other documents of the file are still linted.`, resourceOf(document));
    }
    return;
  }
  const root = document.doc.contents;
  if (!isMap(root) || document.apiVersion === undefined || document.kind === undefined) return;
  const add = (rule: RuleInfo, at: readonly [number, number], message: string, fix?: Fix) => out.add(rule, at, message, resourceOf(document), fix);
  if (twoObjects(file, document, local ? add : undefined)) return;
  if (local) checkDuplicateKeys(file, document, add);
  if (hasAliases(file.text, document.start, document.end) && expandedSize(document.doc, MAX_EXPANDED_NODES) > MAX_EXPANDED_NODES) {
    if (local) out.add(ALIAS_BOMB, [document.anchorStart, document.anchorEnd], `YAML aliases expand this document to more than ${MAX_EXPANDED_NODES} nodes; it was not linted. Write the values out instead of nesting aliases.`, resourceOf(document));
    return;
  }
  const ctx = contextFor(uri, file, document, root as YAMLMap<Node, Node | null>, workspace, options, out);
  // An object of a Linkerd kind or version the API server does not serve is never applied: only say so.
  const unserved = !ctx.served && (ctx.definition !== undefined || LINKERD_GROUPS.has(ctx.group));
  for (const rule of RULES) {
    if ((unserved && rule.category !== 'schema') || (part === 'object' && rule.workspace) || (part === 'workspace' && !rule.workspace)) continue;
    runRule(rule, ctx, document, options, out);
  }
}

function runRule(rule: Rule, ctx: MutableContext, document: ManifestDocument, options: LintOptions, out: Collector): void {
  ctx.current = rule;
  try {
    rule.check(ctx);
  } catch (e) {
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
    options.log?.(`meshaware lint: rule ${rule.code} failed on ${ctx.uri} (${ctx.kind} ${ctx.name ?? ''}): ${detail}`);
    out.add(INTERNAL, [document.anchorStart, document.anchorEnd], `Internal error: rule ${rule.code} failed on this object and its checks were skipped. Details are in the log; please report it.`, resourceOf(document));
  }
}

interface MutableContext extends RuleContext {
  current: Rule;
}

function contextFor(uri: string, file: ParsedManifest, document: ManifestDocument, root: YAMLMap<Node, Node | null>, workspace: WorkspaceModel, options: LintOptions, out: Collector): MutableContext {
  const { group, version } = splitApiVersion(document.apiVersion!);
  const kind = document.kind!;
  const definition = findKind(group, kind);
  const served = definition && findVersion(definition, version);
  const specNode = root.items.find((p) => (p.key as { value?: unknown } | null)?.value === 'spec')?.value;
  const spec = isMap(specNode) ? (specNode as YAMLMap<Node, Node | null>) : undefined;
  const resource = resourceOf(document);
  let problems: SchemaProblem[] | undefined;
  let blocks: AnnotationsBlock[] | undefined;
  let view: ObjectView | undefined;
  const ctx: MutableContext = {
    uri,
    file,
    document,
    doc: document.doc,
    root,
    group,
    version,
    kind,
    name: document.name,
    namespace: document.namespace ?? 'default',
    definition,
    served,
    linkerdRelevant: isLinkerdRelevant(document.doc, group, spec),
    spec,
    workspace,
    cluster: { ...DEFAULT_CLUSTER, ...options.cluster },
    current: RULES[0],
    annotationBlocks() {
      // Most policy objects carry no annotations: skip the tree walk when the text cannot hold any.
      blocks ??= file.text.slice(document.start, document.end).includes('annotations') ? annotationBlocks(document) : [];
      return blocks;
    },
    schemaProblems() {
      if (!problems) {
        problems = served ? validateNode(document.doc, root, envelope(group, kind, version), kind, [document.anchorStart, document.anchorEnd]) : [];
      }
      return problems;
    },
    view() {
      view ??= new ObjectView(document.doc, root, served ? envelope(group, kind, version) : { type: 'object' });
      return view;
    },
    report(at: Target, message: string, fix?: Fix, severity?: Severity) {
      out.add(ctx.current, spanOf(at, document), message, resource, fix, severity);
    },
  };
  return ctx;
}

const envelopes = new Map<string, Schema>();

/** The whole-object schema of a kind version, built once per process rather than once per document. */
function envelope(group: string, kind: string, version: string): Schema {
  const key = `${group}/${kind}/${version}`;
  let schema = envelopes.get(key);
  if (!schema) envelopes.set(key, (schema = schemaToOpenAPI(group, kind, version)));
  return schema;
}

function spanOf(at: Target, document: ManifestDocument): readonly [number, number] {
  if (Array.isArray(at)) return at as readonly [number, number];
  const r = (at as Node).range;
  return r ? [r[0], Math.max(r[1], r[0] + 1)] : [document.anchorStart, document.anchorEnd];
}

function resourceOf(d: ManifestDocument): ResourceRef | undefined {
  return d.kind ? { kind: d.kind, name: d.name, namespace: d.namespace } : undefined;
}

/** Gathers findings, applying severity overrides, and at the end drops suppressed ones and duplicates. */
class Collector {
  readonly findings: Finding[] = [];
  lines?: Pick<ParsedManifest, 'lines'>;

  constructor(
    private readonly uri: string,
    private readonly options: LintOptions,
  ) {}

  add(rule: RuleInfo, at: readonly [number, number], message: string, resource: ResourceRef | undefined, fix?: Fix, severity?: Severity): void {
    const override = this.options.severityOverrides?.[rule.code];
    if (override === 'off') return;
    const lines = this.lines?.lines;
    const range = lines ? lines.range(at[0], at[1]) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    this.findings.push({ uri: this.uri, code: rule.code, severity: override ?? severity ?? rule.severity, start: at[0], end: at[1], range, message, resource, fix });
  }

  finish(text: string): Finding[] {
    const suppressed = this.lines ? suppressedLines(text, this.lines.lines) : new Map();
    const seen = new Set<string>();
    const ordered = [...this.findings].sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
    return ordered.filter((f) => {
      const s = suppressed.get(f.range.start.line);
      if (s === 'all' || s?.has(f.code)) return false;
      const key = `${f.code}:${f.start}:${f.end}:${f.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
}
