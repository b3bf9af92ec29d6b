import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

export interface KubeconfigParams {
  server: string;
  caPem: string;
  token: string;
  contextName: string;
}

/** A kubeconfig with a single cluster, user and context, as kind or k3d would write one. */
export function renderKubeconfig(p: KubeconfigParams): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: p.contextName, cluster: { server: p.server, 'certificate-authority-data': Buffer.from(p.caPem).toString('base64') } }],
    users: [{ name: `${p.contextName}-user`, user: { token: p.token } }],
    contexts: [{ name: p.contextName, context: { cluster: p.contextName, user: `${p.contextName}-user`, namespace: 'default' } }],
    'current-context': p.contextName,
    preferences: {},
  });
}

export function writeKubeconfig(path: string, p: KubeconfigParams): void {
  writeFileSync(path, renderKubeconfig(p), { mode: 0o600 });
}
