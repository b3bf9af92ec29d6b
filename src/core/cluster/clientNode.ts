import * as fs from 'node:fs';
import type * as https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { displayServer } from './credentials';
import type { ContextInfo, Kubeconfig } from './kubeconfig';

/**
 * The only module that imports @kubernetes/client-node. The build emits it as its own bundle (dist/kube.js)
 * loaded on first use; the rest of the code reaches it through `loadKubeconfig`.
 */
export function loadKubeconfigFiles(files: readonly string[]): Kubeconfig {
  const kc = new KubeConfig();
  const existing = files.filter((f) => fs.existsSync(f));
  if (existing.length === 1) {
    kc.loadFromFile(existing[0]);
  } else if (existing.length > 1) {
    const saved = process.env.KUBECONFIG;
    process.env.KUBECONFIG = existing.join(process.platform === 'win32' ? ';' : ':');
    try {
      // client-node merges the files, but by default lets the last file's current-context win; kubectl keeps the
      // first one set (k8s.io/client-go/tools/clientcmd loader: "the first file to set a value wins").
      kc.loadFromDefault(undefined, true);
    } finally {
      if (saved === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = saved;
    }
    if (!kc.getCurrentContext()) {
      const first = existing
        .map((file) => {
          const one = new KubeConfig();
          one.loadFromFile(file);
          return one.getCurrentContext();
        })
        .find(Boolean);
      if (first) kc.setCurrentContext(first);
    }
  }
  // Contexts are what the status bar and the picker show: their server URLs carry no credentials.
  const serverOf = (cluster: string) => kc.getCluster(cluster)?.server;
  const contexts: ContextInfo[] = kc.getContexts().map((c) => {
    const server = serverOf(c.cluster);
    return { name: c.name, cluster: c.cluster, user: c.user, namespace: c.namespace, server: server === undefined ? undefined : displayServer(server) };
  });
  const current = kc.getCurrentContext();
  return {
    files: existing,
    contexts,
    currentContext: contexts.some((c) => c.name === current) ? current : undefined,
    async connection(contextName: string) {
      const ctx = contexts.find((c) => c.name === contextName);
      const server = ctx && serverOf(ctx.cluster);
      if (!server) throw new Error(`Context "${contextName}" has no cluster server in the kubeconfig.`);
      const scoped = new KubeConfig();
      scoped.loadFromString(kc.exportConfig());
      scoped.setCurrentContext(contextName);
      const tls: https.RequestOptions = {};
      await scoped.applyToHTTPSOptions(tls);
      return { contextName, server, tls };
    },
  };
}
