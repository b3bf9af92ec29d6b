import { labelSelector, localRef, namespacedRef, network, refGroup, refKind, refName } from './blocks';
import { arr, bool, DNS_LABEL, exactlyOne, IDENTITY, int, intOrString, obj, str } from './dsl';
import type { KindDefinition, Schema } from './types';

const GROUP = 'policy.linkerd.io';

const port = intOrString({ description: 'A port number, or the name of a container port.' });
const proxyProtocol = str({ default: 'unknown', description: 'Supersedes the opaque-ports annotation for this port.' });
const podSelector = labelSelector('Selects pods in the same namespace.');

const serverV1alpha1: Schema = obj({ podSelector: { ...podSelector, oneOf: exactlyOne('matchLabels', 'matchExpressions') }, port, proxyProtocol }, ['podSelector', 'port']);
const serverV1beta1: Schema = obj({ podSelector, port, proxyProtocol }, ['podSelector', 'port']);
const serverV1beta2Fields = { podSelector, externalWorkloadSelector: labelSelector('Selects ExternalWorkloads in the same namespace.'), port, proxyProtocol };
const serverV1beta2: Schema = obj(serverV1beta2Fields, ['port'], { oneOf: exactlyOne('podSelector', 'externalWorkloadSelector') });
const serverV1beta3: Schema = obj({ ...serverV1beta2Fields, accessPolicy: str({ default: 'deny' }) }, ['port'], { oneOf: exactlyOne('podSelector', 'externalWorkloadSelector') });

export const server: KindDefinition = {
  group: GROUP,
  kind: 'Server',
  plural: 'servers',
  shortNames: ['srv'],
  specRequired: true,
  versions: [
    { name: 'v1alpha1', storage: false, deprecated: { replacement: 'v1beta3', mechanical: true }, spec: serverV1alpha1 },
    { name: 'v1beta1', storage: false, deprecated: { replacement: 'v1beta3', mechanical: true }, spec: serverV1beta1 },
    { name: 'v1beta2', storage: false, spec: serverV1beta2 },
    { name: 'v1beta3', storage: true, spec: serverV1beta3 },
  ],
};

const serverAuthorizationSpec: Schema = obj(
  {
    server: obj({ name: str({ pattern: DNS_LABEL }), selector: labelSelector('Selects Servers by their labels.') }, [], { oneOf: exactlyOne('name', 'selector') }),
    client: obj({
      networks: arr(network),
      unauthenticated: bool(),
      meshTLS: obj({
        unauthenticatedTLS: bool(),
        identities: arr(str({ pattern: IDENTITY })),
        serviceAccounts: arr(obj({ name: str({ pattern: DNS_LABEL }), namespace: str({ pattern: DNS_LABEL }) }, ['name'])),
      }),
    }),
  },
  ['server', 'client'],
);

export const serverAuthorization: KindDefinition = {
  group: GROUP,
  kind: 'ServerAuthorization',
  plural: 'serverauthorizations',
  shortNames: ['saz', 'serverauthz', 'srvauthz'],
  specRequired: true,
  versions: [
    { name: 'v1alpha1', storage: false, deprecated: { replacement: 'v1beta1', mechanical: true }, spec: serverAuthorizationSpec },
    { name: 'v1beta1', storage: true, spec: serverAuthorizationSpec },
  ],
};

export const authorizationPolicy: KindDefinition = {
  group: GROUP,
  kind: 'AuthorizationPolicy',
  plural: 'authorizationpolicies',
  shortNames: ['authzpolicy'],
  specRequired: true,
  versions: [{ name: 'v1alpha1', storage: true, spec: obj({ targetRef: localRef, requiredAuthenticationRefs: arr(namespacedRef) }, ['targetRef', 'requiredAuthenticationRefs']) }],
};

export const meshTLSAuthentication: KindDefinition = {
  group: GROUP,
  kind: 'MeshTLSAuthentication',
  plural: 'meshtlsauthentications',
  shortNames: ['meshtlsauthn'],
  specRequired: true,
  versions: [
    {
      name: 'v1alpha1',
      storage: true,
      spec: obj(
        {
          identities: arr(str(), { minItems: 1 }),
          // `name` is optional in the CRD ("all resources") but the webhook requires it: see MA213.
          identityRefs: arr(obj({ group: refGroup, kind: refKind, name: refName, namespace: str({ maxLength: 253 }) }, ['kind']), { minItems: 1 }),
        },
        [],
        { oneOf: exactlyOne('identities', 'identityRefs') },
      ),
    },
  ],
};

export const networkAuthentication: KindDefinition = {
  group: GROUP,
  kind: 'NetworkAuthentication',
  plural: 'networkauthentications',
  shortNames: ['netauthn', 'networkauthn'],
  specRequired: true,
  versions: [{ name: 'v1alpha1', storage: true, spec: obj({ networks: arr(network) }, ['networks']) }],
};

export const egressNetwork: KindDefinition = {
  group: GROUP,
  kind: 'EgressNetwork',
  plural: 'egressnetworks',
  specRequired: true,
  versions: [{ name: 'v1alpha1', storage: true, status: true, spec: obj({ trafficPolicy: str({ enum: ['Allow', 'Deny'] }), networks: arr(network) }, ['trafficPolicy']) }],
};

const rps = obj({ requestsPerSecond: int({ format: 'int64' }) }, ['requestsPerSecond']);
const clientRef = obj({ group: refGroup, kind: refKind, namespace: str({ minLength: 1, maxLength: 63, pattern: DNS_LABEL }), name: refName }, ['kind', 'name']);

export const httpLocalRateLimitPolicy: KindDefinition = {
  group: GROUP,
  kind: 'HTTPLocalRateLimitPolicy',
  plural: 'httplocalratelimitpolicies',
  specRequired: true,
  versions: [
    {
      name: 'v1alpha1',
      storage: true,
      status: true,
      spec: obj(
        {
          targetRef: localRef,
          total: rps,
          identity: rps,
          overrides: arr(obj({ requestsPerSecond: int({ format: 'int64' }), clientRefs: arr(clientRef) }, ['requestsPerSecond', 'clientRefs'])),
        },
        ['targetRef'],
      ),
    },
  ],
};
