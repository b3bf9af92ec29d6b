import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

/** The `linkerd.io/inject` annotation of a Deployment's pod template, as the file on disk has it now. */
export function podTemplateInject(file: string, deployment: string): unknown {
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
    const object = doc.toJS() as { kind?: string; metadata?: { name?: string }; spec?: { template?: { metadata?: { annotations?: Record<string, unknown> } } } } | null;
    if (object?.kind === 'Deployment' && object.metadata?.name === deployment) {
      return object.spec?.template?.metadata?.annotations?.['linkerd.io/inject'];
    }
  }
  throw new Error(`no Deployment ${deployment} in ${file}`);
}
