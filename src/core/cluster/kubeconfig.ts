import * as os from 'node:os';
import * as path from 'node:path';
import type { Connection } from './transport';

/** One kubeconfig context, as the status bar and the context picker show it. */
export interface ContextInfo {
  readonly name: string;
  readonly cluster: string;
  readonly user: string;
  readonly namespace?: string;
  readonly server?: string;
}

/** A loaded kubeconfig (possibly merged from several files). Produced by the lazily loaded kube module. */
export interface Kubeconfig {
  readonly files: readonly string[];
  readonly contexts: readonly ContextInfo[];
  readonly currentContext: string | undefined;
  /** TLS and auth for a context, resolving exec plugins and token files as kubectl does. */
  connection(contextName: string): Promise<Connection>;
}

/** The files a kubeconfig is read from: every entry of KUBECONFIG, else ~/.kube/config (as kubectl does). */
export function kubeconfigFiles(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string[] {
  const fromEnv = (env.KUBECONFIG ?? '').split(path.delimiter).filter((p) => p.trim() !== '');
  return fromEnv.length ? fromEnv : [path.join(home, '.kube', 'config')];
}

/**
 * Loads the kubeconfig through @kubernetes/client-node. The import is dynamic, and the bundles keep that
 * module in a separate file, so activation never pays for loading the Kubernetes client.
 */
export async function loadKubeconfig(files: readonly string[] = kubeconfigFiles()): Promise<Kubeconfig> {
  const kube = await import('./clientNode');
  return kube.loadKubeconfigFiles(files);
}
