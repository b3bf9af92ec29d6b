import type { Document, Node, YAMLMap } from 'yaml';
import type { AnnotationsBlock } from '../annotations/context';
import type { KindDefinition, KindVersion } from '../schema/types';
import type { SchemaProblem } from '../schema/validate';
import type { ManifestDocument, ParsedManifest } from '../yaml/manifest';
import type { ObjectView } from './model/view';
import type { WorkspaceModel } from './model/workspace';
import type { ClusterAssumptions, Fix, Severity } from './types';

/** Where a rule's findings come from, by the hundred of their codes: MA0xx engine, MA1xx schema, … (a test holds every code to it). */
export const CATEGORIES = ['engine', 'schema', 'admission', 'cross-object', 'annotations', 'impact'] as const;
export type RuleCategory = (typeof CATEGORIES)[number];

/** The category a code's hundred stands for: MA217 is an admission rule. */
export function categoryOfCode(code: string): RuleCategory | undefined {
  return CATEGORIES[Number(code.slice(2, 3))];
}

/** A span to underline: a YAML node (its value, without trailing comments) or explicit offsets. */
export type Target = Node | readonly [number, number];

/** Everything a rule may read about one Kubernetes object, and the one way it reports. */
export interface RuleContext {
  readonly uri: string;
  readonly file: ParsedManifest;
  readonly document: ManifestDocument;
  readonly doc: Document.Parsed;
  readonly root: YAMLMap<Node, Node | null>;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly name: string | undefined;
  /** `metadata.namespace`, or `default` when it is not written. */
  readonly namespace: string;
  /** The catalogue entry when the object is a kind Meshaware knows the schema of. */
  readonly definition?: KindDefinition;
  readonly served?: KindVersion;
  /** Whether a Gateway API route attaches to something Linkerd acts on; always true for Linkerd's own kinds. */
  readonly linkerdRelevant: boolean;
  readonly spec: YAMLMap<Node, Node | null> | undefined;
  readonly workspace: WorkspaceModel;
  readonly cluster: ClusterAssumptions;
  /** The object's `metadata.annotations` blocks (its own and its pod template's), found once. */
  annotationBlocks(): readonly AnnotationsBlock[];
  /** Schema problems of this object, computed once and shared by the schema rules. */
  schemaProblems(): readonly SchemaProblem[];
  /**
   * The object as the API server holds it when CEL rules and the admission webhook run (duplicate keys and
   * merges resolved, CRD defaults applied), built on first use. Admission rules read defaulted fields here.
   */
  view(): ObjectView;
  /** `severity` raises or lowers one finding from the rule's default (a per-code setting still wins). */
  report(at: Target, message: string, fix?: Fix, severity?: Severity): void;
}

/** What the docs, the SARIF output and the registry know about a code. */
export interface RuleInfo {
  readonly code: string;
  /** A short kebab-case name, for humans and SARIF. */
  readonly name: string;
  readonly category: RuleCategory;
  readonly severity: Severity;
  /** One sentence for the SARIF rule list and the docs index. */
  readonly summary: string;
}

/**
 * One lint rule. Each lives in rules/<category>/<CODE>-<name>.ts, where CODE is stable forever: MA0xx engine, MA1xx schema,
 * MA2xx admission (what `kubectl apply` would be denied), MA3xx cross-object and runtime, MA4xx annotations.
 */
export interface Rule extends RuleInfo {
  /** Set when the rule reads other objects (ctx.workspace): its findings change when other files do. */
  readonly workspace?: true;
  check(ctx: RuleContext): void;
}
