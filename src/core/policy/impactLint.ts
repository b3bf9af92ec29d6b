/** `meshaware lint --impact`: the impact preview of a set of policy files over exported observed traffic. */
import { isLintable } from '../lint/engine';
import { WorkspaceModel } from '../lint/model/workspace';
import type { LintOptions } from '../lint/types';
import type { TextSource } from '../text/types';
import { ResourceIndex } from '../workspace/resourceIndex';
import { parseManifest } from '../yaml/manifest';
import { PolicySet } from './compile';
import { DEFAULT_SETTINGS } from './defaults';
import { PolicyEvaluator } from './evaluate';
import type { ClusterPolicySettings } from './types';
import { observedFlows, previewImpact, type ImpactResult, type ObservedFlow } from './impact';
import { impactFindings, type ImpactFinding } from './impactFindings';
import { workspaceDestination, workspacePolicyObjects, workspaceWorkloadOrigin } from './workspacePolicies';

export interface ImpactLint {
  readonly findings: ImpactFinding[];
  readonly result: ImpactResult;
}

/** Findings for the observed traffic (`authz -o json` or `edges -o json`) under the policy in `files`. */
export function lintImpact(files: readonly TextSource[], traffic: unknown, options: LintOptions = {}): ImpactLint {
  const index = new ResourceIndex();
  const texts = new Map<string, string>();
  for (const f of files) {
    texts.set(f.uri, f.text);
    const p = isLintable(f.text, options) ? parseManifest(f.text) : undefined;
    if (p) index.setFile(f.uri, p);
  }
  const settings = { ...DEFAULT_SETTINGS, ...(options.cluster?.clusterNetworks ? { clusterNetworks: options.cluster.clusterNetworks } : {}), ...(options.cluster?.controlPlaneNamespace ? { controlPlaneNamespace: options.cluster.controlPlaneNamespace } : {}), ...(options.cluster?.trustDomain ? { identityDomain: options.cluster.trustDomain } : {}) };
  return previewWorkspaceImpact(index, observedFlows(traffic), (uri) => texts.get(uri), settings);
}

/** The impact preview of `flows` under the policy objects of `index` (a workspace, or the files given to the CLI). */
export function previewWorkspaceImpact(index: ResourceIndex, flows: readonly ObservedFlow[], textOf: (uri: string) => string | undefined, settings: ClusterPolicySettings = DEFAULT_SETTINGS): ImpactLint {
  const model = new WorkspaceModel(index);
  const evaluator = new PolicyEvaluator(new PolicySet(workspacePolicyObjects(index), settings));
  const result = previewImpact(flows, evaluator, (ref) => workspaceDestination(model, ref));
  const findings = impactFindings(result.items, textOf, (item) => workspaceWorkloadOrigin(model, item.destination));
  return { findings, result };
}
