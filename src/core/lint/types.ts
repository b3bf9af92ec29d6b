import type { OffsetEdit, Range } from '../text/types';
import { DEFAULT_CONTROL_PLANE_NAMESPACE } from '../linkerd';

export type Severity = 'error' | 'warning' | 'info';

/** A severity override from settings or the CLI: a new severity, or `off` to silence a code. */
export type SeverityOverride = Severity | 'off';

/** The Kubernetes object a finding is about. */
export interface ResourceRef {
  readonly kind: string;
  readonly name?: string;
  readonly namespace?: string;
}

/** A mechanical repair: minimal text edits to the file the finding is in. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly OffsetEdit[];
}

/** One problem found by the lint, located precisely in its file. */
export interface Finding {
  readonly uri: string;
  readonly code: string;
  readonly severity: Severity;
  /** Offsets into the file, and the same span as zero-based positions. */
  readonly start: number;
  readonly end: number;
  readonly range: Range;
  readonly message: string;
  readonly resource?: ResourceRef;
  readonly fix?: Fix;
}

/** How Linkerd is installed, for checks that depend on it (identities, cluster networks). */
export interface ClusterAssumptions {
  readonly controlPlaneNamespace: string;
  readonly trustDomain: string;
  readonly clusterNetworks: readonly string[];
}

export interface LintOptions {
  /** Per-code severity changes; `off` drops the code. */
  readonly severityOverrides?: Readonly<Record<string, SeverityOverride>>;
  /** Files larger than this (in UTF-16 code units) are skipped with an info finding. */
  readonly maxFileSize?: number;
  readonly cluster?: Partial<ClusterAssumptions>;
  /** Where internal rule errors are logged (the finding says only that a rule failed). */
  readonly log?: (message: string) => void;
}

export const DEFAULT_CLUSTER: ClusterAssumptions = {
  controlPlaneNamespace: DEFAULT_CONTROL_PLANE_NAMESPACE,
  trustDomain: 'cluster.local',
  clusterNetworks: ['10.0.0.0/8', '100.64.0.0/10', '172.16.0.0/12', '192.168.0.0/16', 'fd00::/8'],
};

