import { writtenKind } from '../../core/policy/policyLabels';
import { defaultPolicySource, objectPlace, policyObjects } from '../../core/policy/policyPlace';
import type { PolicyTarget } from '../../shared/trafficProtocol';
import type { WorkspaceIndex } from '../workspaceIndex';
import type { ManifestActions } from './manifestActions';

/**
 * Open policy from the Live Traffic panel: the Server, route or authorization the proxy named, at its object in
 * the workspace; for a default policy, the annotation that sets it. An object that is only on the cluster is
 * reported to the page with the command that shows the cluster's copy: opening that copy here would invite edits
 * to a file that is not the source of the policy, and its fix belongs in the YAML that is.
 */
export class PolicyActions {
  constructor(
    private readonly index: WorkspaceIndex,
    private readonly manifests: ManifestActions,
  ) {}

  async open(p: PolicyTarget, failed: (why: string) => void): Promise<void> {
    const resources = this.index.resources.resources();
    if (p.kind === 'default') {
      const w = p.workload;
      const source = defaultPolicySource(resources, w);
      if (source.where === 'cluster') {
        failed(
          `The default policy ${p.name} of ${w.kind} ${w.name} is the cluster's default: neither its pod template nor Namespace "${w.namespace}" in this workspace sets config.linkerd.io/default-inbound-policy. The cluster's default is proxy.defaultInboundPolicy of the Linkerd install.`,
        );
        return;
      }
      await this.manifests.reveal(source.place.resource.uri, source.place.start, source.place.end);
      return;
    }
    const found = policyObjects(resources, p, p.namespace);
    if (found.length === 0) {
      failed(`${writtenKind(p.kind)} "${p.name}" (namespace "${p.namespace}") is on the cluster but not in this workspace. Open the folder that holds its YAML, or read the cluster's copy with: kubectl get ${p.kind.toLowerCase()} ${p.name} -n ${p.namespace} -o yaml`);
      return;
    }
    const resource = await this.manifests.choose(found, `${found[0].kind} ${p.name} is defined in several files`);
    if (!resource) return;
    const place = objectPlace(resource);
    await this.manifests.reveal(resource.uri, place.start, place.end);
  }
}
