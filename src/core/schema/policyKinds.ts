import { labelSelector, localRef, namespacedRef, network, refGroup, refKind, refName } from './blocks';
import { arr, bool, DNS_LABEL, exactlyOne, IDENTITY, int, intOrString, obj, str } from './dsl';
import { linkerdConditions } from './statusBlocks';
import type { KindDefinition, Schema } from './types';

const GROUP = 'policy.linkerd.io';

const port = intOrString('The port the Server covers: a number, or the name of a container port.');
const proxyProtocol = str({ description: 'The protocol of the port, which the proxy then does not have to detect: unknown (detect), HTTP/1, HTTP/2, gRPC, opaque or TLS.', default: 'unknown' });
const podSelector = labelSelector('Selects the pods, in the Server\'s namespace, whose port it covers.');
const externalWorkloadSelector = labelSelector('Selects the ExternalWorkloads, in the Server\'s namespace, whose port it covers.');
const selectorFields = { externalWorkloadSelector, podSelector, port, proxyProtocol };
const SERVER_PRINTER_COLUMNS = [
  { name: 'Port', type: 'string' as const, jsonPath: '.spec.port', description: 'The port the Server covers.' },
  { name: 'Protocol', type: 'string' as const, jsonPath: '.spec.proxyProtocol', description: 'The protocol the proxy assumes on it.' },
];

export const server: KindDefinition = {
  group: GROUP,
  kind: 'Server',
  plural: 'servers',
  shortNames: ['srv'],
  specRequired: true,
  envelope: 'implicit',
  versions: [
    {
      name: 'v1alpha1',
      storage: false,
      deprecated: { replacement: 'v1beta3', mechanical: true },
      spec: obj({ podSelector: { ...podSelector, oneOf: exactlyOne('matchExpressions', 'matchLabels') }, port, proxyProtocol }, ['podSelector', 'port']),
    },
    { name: 'v1beta1', storage: false, deprecated: { replacement: 'v1beta3', mechanical: true }, printerColumns: SERVER_PRINTER_COLUMNS, spec: obj({ podSelector, port, proxyProtocol }, ['podSelector', 'port']) },
    { name: 'v1beta2', storage: false, printerColumns: SERVER_PRINTER_COLUMNS, spec: obj(selectorFields, ['port'], { oneOf: exactlyOne('podSelector', 'externalWorkloadSelector') }) },
    {
      name: 'v1beta3',
      storage: true,
      printerColumns: [...SERVER_PRINTER_COLUMNS, { name: 'Access Policy', type: 'string', jsonPath: '.spec.accessPolicy', description: 'What traffic no authorization covers gets.' }],
      spec: obj(
        { accessPolicy: str({ description: 'What happens to traffic no authorization policy admits: deny (the default), audit, or one of the default inbound policies.', default: 'deny' }), ...selectorFields },
        ['port'],
        { oneOf: exactlyOne('podSelector', 'externalWorkloadSelector') },
      ),
    },
  ],
};

const serverAuthorizationSpec: Schema = obj(
  {
    client: obj(
      {
        meshTLS: obj({
          identities: arr(str({ pattern: IDENTITY }), 'Proxy identities (or `*`, or `*.`-prefixed suffixes) a meshed client may have.'),
          serviceAccounts: arr(
            obj(
              {
                name: str({ description: 'The ServiceAccount name.', pattern: DNS_LABEL }),
                namespace: str({ description: "The ServiceAccount's namespace; the ServerAuthorization's own when left out.", pattern: DNS_LABEL }),
              },
              ['name'],
            ),
            'ServiceAccounts whose pods may connect.',
          ),
          unauthenticatedTLS: bool('Admits TLS connections that the proxy did not terminate, whatever their identity.'),
        }),
        networks: arr(network(), 'The client networks admitted; all networks when left out.'),
        unauthenticated: bool('Admits clients without a mesh identity (plain TCP).'),
      },
      [],
      'The clients admitted to the Server.',
    ),
    server: obj(
      {
        name: str({ description: 'The name of a Server in the same namespace.', pattern: DNS_LABEL }),
        selector: labelSelector('Selects Servers in the same namespace by their labels.'),
      },
      [],
      { description: 'The Server (or Servers) the authorization applies to.', oneOf: exactlyOne('name', 'selector') },
    ),
  },
  ['server', 'client'],
  'Which clients may connect to which Servers (superseded by AuthorizationPolicy).',
);

export const serverAuthorization: KindDefinition = {
  group: GROUP,
  kind: 'ServerAuthorization',
  plural: 'serverauthorizations',
  shortNames: ['saz', 'serverauthz', 'srvauthz'],
  specRequired: true,
  envelope: 'implicit',
  versions: [
    { name: 'v1alpha1', storage: false, deprecated: { replacement: 'v1beta1', mechanical: true }, spec: serverAuthorizationSpec },
    { name: 'v1beta1', storage: true, printerColumns: [{ name: 'Server', type: 'string', jsonPath: '.spec.server.name', description: 'The Server it authorizes clients of.' }], spec: serverAuthorizationSpec },
  ],
};

export const authorizationPolicy: KindDefinition = {
  group: GROUP,
  kind: 'AuthorizationPolicy',
  plural: 'authorizationpolicies',
  shortNames: ['authzpolicy'],
  specRequired: true,
  envelope: 'implicit',
  versions: [
    {
      name: 'v1alpha1',
      storage: true,
      spec: obj(
        {
          requiredAuthenticationRefs: arr(
            namespacedRef(),
            'Authentications every admitted client must pass, all of them (MeshTLSAuthentications, NetworkAuthentications or ServiceAccounts); an empty list admits every client.',
          ),
          targetRef: localRef('What the policy authorizes access to: a Server, an HTTPRoute, a GRPCRoute, or a Namespace (all its Servers).'),
        },
        ['targetRef', 'requiredAuthenticationRefs'],
        'Admits the clients that pass the given authentications to the target.',
      ),
    },
  ],
};

export const meshTLSAuthentication: KindDefinition = {
  group: GROUP,
  kind: 'MeshTLSAuthentication',
  plural: 'meshtlsauthentications',
  shortNames: ['meshtlsauthn'],
  specRequired: true,
  envelope: 'implicit',
  versions: [
    {
      name: 'v1alpha1',
      storage: true,
      spec: obj(
        {
          identities: arr(str(), { description: 'Mesh identities the client may have: exact names, `*`, or `*.`-prefixed suffixes.', minItems: 1 }),
          // `name` is optional in the CRD ("all resources") but the webhook requires it: see MA213.
          identityRefs: arr(
            obj(
              {
                group: refGroup('API group of the resource; empty for ServiceAccounts.'),
                kind: refKind('Kind of the resource: ServiceAccount, or Namespace for every identity in it.'),
                name: refName('Name of the resource.'),
                namespace: str({ description: 'Namespace of the resource; the authentication\'s own when left out.', maxLength: 253 }),
              },
              ['kind'],
            ),
            { minItems: 1 },
          ),
        },
        [],
        { description: 'Clients authenticate by their mesh TLS identity, given by name or by the resources it derives from.', oneOf: exactlyOne('identities', 'identityRefs') },
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
  envelope: 'implicit',
  versions: [
    {
      name: 'v1alpha1',
      storage: true,
      spec: obj(
        { networks: arr(network('A network, in CIDR notation (or a single address).', 'Networks inside it that are excluded.')) },
        ['networks'],
        'Clients authenticate by their source address: it must lie in one of the networks.',
      ),
    },
  ],
};

export const egressNetwork: KindDefinition = {
  group: GROUP,
  kind: 'EgressNetwork',
  plural: 'egressnetworks',
  specRequired: true,
  categories: ['policy'],
  listKind: true,
  envelope: 'typed',
  description: 'Addresses outside the cluster, and whether meshed clients may reach them.',
  versions: [
    {
      name: 'v1alpha1',
      storage: true,
      status: obj({ conditions: linkerdConditions() }),
      spec: obj(
        {
          networks: arr(network('A network, in CIDR notation.', 'Networks inside it that are excluded.')),
          trafficPolicy: str({ description: 'Whether traffic to these networks that no route covers is allowed (Allow) or refused (Deny).', enum: ['Allow', 'Deny'] }),
        },
        ['trafficPolicy'],
      ),
    },
  ],
};

const rps = (description: string): Schema => obj({ requestsPerSecond: int({ format: 'int64' }) }, ['requestsPerSecond'], description);
const clientRef = obj(
  {
    group: refGroup('API group of the client resource.'),
    kind: refKind('Kind of the client resource: ServiceAccount.'),
    name: refName('Name of the client resource.'),
    namespace: str({ description: 'Namespace of the client resource; the policy\'s own when left out.', minLength: 1, maxLength: 63, pattern: DNS_LABEL }),
  },
  ['kind', 'name'],
);

export const httpLocalRateLimitPolicy: KindDefinition = {
  group: GROUP,
  kind: 'HTTPLocalRateLimitPolicy',
  plural: 'httplocalratelimitpolicies',
  specRequired: true,
  listKind: true,
  envelope: 'implicit',
  versions: [
    {
      name: 'v1alpha1',
      storage: true,
      printerColumns: [
        { name: 'Target_kind', type: 'string', jsonPath: '.spec.targetRef.kind', description: 'The kind of resource the limit applies to.' },
        { name: 'Target_name', type: 'string', jsonPath: '.spec.targetRef.name', description: 'The resource the limit applies to.' },
        { name: 'Total_RPS', type: 'integer', format: 'int32', jsonPath: '.spec.total.requestsPerSecond', description: 'The limit on all requests together.' },
        { name: 'Identity_RPS', type: 'integer', format: 'int32', jsonPath: '.spec.identity.requestsPerSecond', description: 'The limit per client identity.' },
      ],
      status: obj(
        {
          conditions: linkerdConditions(),
          targetRef: obj(
            {
              group: str({ default: GROUP, maxLength: 253, pattern: '^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$' }),
              kind: str({ default: 'Server', minLength: 1, maxLength: 63, pattern: '^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$' }),
              name: str({ minLength: 1, maxLength: 253 }),
            },
            ['name'],
          ),
        },
        ['targetRef'],
      ),
      spec: obj(
        {
          identity: rps('A limit that applies to each client identity on its own.'),
          overrides: arr(
            obj({ clientRefs: arr(clientRef), requestsPerSecond: int({ format: 'int64' }) }, ['requestsPerSecond', 'clientRefs']),
            'Limits for particular clients, instead of the identity limit.',
          ),
          targetRef: localRef('The Server whose inbound requests are limited.'),
          total: rps('A limit on all requests to the target together.'),
        },
        ['targetRef'],
      ),
    },
  ],
};
