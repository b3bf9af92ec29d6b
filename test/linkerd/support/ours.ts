import { generateIdentityCredentials, identityMaterial } from '../../../src/core/controlplane/certs/identity';
import { generateWebhookCredentials } from '../../../src/core/controlplane/certs/webhooks';
import { resolveContext, type ControlPlaneInput } from '../../../src/core/controlplane/manifests/context';
import { renderControlPlane } from '../../../src/core/controlplane/manifests/controlPlane';
import { linkerdConfigValues } from '../../../src/core/controlplane/manifests/linkerdConfig';
import type { K8sObject } from '../../../src/core/controlplane/manifests/meta';
import { toYaml } from '../../../src/core/controlplane/manifests/yaml';
import { decodeYaml } from './linkerd';

export type Decoded = Record<string, unknown> & { kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> }; data?: Record<string, string> };

export interface OurControlPlane {
  /** Our objects as kubectl reads the YAML we print (sigs.k8s.io/yaml). */
  readonly decoded: Decoded[];
  readonly objects: K8sObject[];
  /** The values we mean to record, as data (before any YAML). */
  readonly values: Record<string, unknown>;
  /** The private keys linkerd-config leaves out, as chart values, so Linkerd's chart can render the Secrets. */
  readonly keys: object;
}

/** Renders our control plane with fresh certificates, as install does, and decodes it as kubectl would. */
export async function renderOurs(input: Omit<ControlPlaneInput, 'identity' | 'webhooks'> = {}): Promise<OurControlPlane> {
  const creds = await generateIdentityCredentials();
  const webhooks = await generateWebhookCredentials('linkerd');
  // One instant for both renders: the heartbeat's schedule is taken from the clock.
  const full: ControlPlaneInput = { now: new Date(), ...input, identity: identityMaterial(creds), webhooks };
  const objects = renderControlPlane(full);
  return {
    objects,
    decoded: decodeYaml(toYaml(objects)) as Decoded[],
    values: JSON.parse(JSON.stringify(linkerdConfigValues(resolveContext(full)))) as Record<string, unknown>,
    keys: {
      identity: { issuer: { tls: { keyPEM: creds.issuer.keyPem } } },
      profileValidator: { keyPEM: webhooks.servers['sp-validator'].keyPem },
      policyValidator: { keyPEM: webhooks.servers['policy-validator'].keyPem },
      proxyInjector: { keyPEM: webhooks.servers['proxy-injector'].keyPem },
    },
  };
}

export const objectKey = (o: { kind: string; metadata: { name: string } }): string => `${o.kind}/${o.metadata.name}`;

/** A copy of the object with linkerd-config's `values` decoded the way Linkerd reads them. */
export function withDecodedValues(o: Decoded): Decoded {
  if (o.kind !== 'ConfigMap' || typeof o.data?.values !== 'string') return o;
  return { ...o, data: { ...o.data, values: decodeYaml(o.data.values)[0] as string } };
}
