import { stringify } from 'yaml';
import type { K8sObject } from './meta';

/**
 * YAML for plain data, written for YAML 1.1 readers: kubectl and Linkerd's Go components decode with
 * sigs.k8s.io/yaml, where an unquoted `off`, `yes` or `0644` is a boolean or a number, so every string that
 * 1.1 would read as something else is quoted (Linkerd's proxy injector fails on `logHTTPHeaders: off`).
 * Builders share constant sub-objects, which must come out as copies: YAML aliases would be legal but
 * unreadable, and some Kubernetes tooling rejects them.
 */
export function toYamlDocument(value: unknown): string {
  return stringify(value, { version: '1.1', aliasDuplicateObjects: false, lineWidth: 0 });
}

/** Objects as one multi-document YAML stream, ready for `kubectl apply -f -`. */
export function toYaml(objects: readonly K8sObject[]): string {
  return objects.map((o) => `---\n${toYamlDocument(o)}`).join('');
}
