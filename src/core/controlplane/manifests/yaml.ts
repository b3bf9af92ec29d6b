import { stringify } from 'yaml';
import type { K8sObject } from './meta';

/**
 * YAML for plain data. Builders share constant sub-objects, which must come out as copies: YAML aliases
 * would be legal but unreadable, and some Kubernetes tooling rejects them.
 */
export function toYamlDocument(value: unknown): string {
  return stringify(value, { aliasDuplicateObjects: false, lineWidth: 0 });
}

/** Objects as one multi-document YAML stream, ready for `kubectl apply -f -`. */
export function toYaml(objects: readonly K8sObject[]): string {
  return objects.map((o) => `---\n${toYamlDocument(o)}`).join('');
}
