import { arr, int, obj, str } from './dsl';
import { linkerdConditions } from './statusBlocks';
import type { KindDefinition } from './types';

const meshTLS = obj(
  {
    identity: str({ description: 'The mesh identity the workload\'s proxy presents.', minLength: 1, maxLength: 253 }),
    serverName: str({ description: 'The TLS server name (SNI) the workload\'s proxy answers to.', minLength: 1, maxLength: 253 }),
  },
  ['identity', 'serverName'],
  'How meshed clients authenticate the workload.',
);
const ports = arr(
  obj(
    {
      name: str('A name for the port, which Servers may select it by.'),
      port: int({ format: 'int32', minimum: 1, maximum: 65535 }),
      protocol: str({ description: 'The transport protocol; TCP, the only one Linkerd proxies.', default: 'TCP' }),
    },
    ['port'],
  ),
  'The ports the workload serves.',
);
const workloadIPs = (max: number) => arr(obj({ ip: str() }), { description: 'The addresses the workload is reached at (one IPv4 and one IPv6 at most).', maxItems: max });
const status = obj({ conditions: linkerdConditions({ probeTime: true }) });
const columns = (field: string) => [
  { name: 'Identity', type: 'string' as const, jsonPath: `.spec.${field}.identity` },
  { name: 'Age', type: 'date' as const, jsonPath: '.metadata.creationTimestamp' },
];

/** ExternalWorkload: `meshTls` in v1alpha1 became `meshTLS` in v1beta1, so the versions differ by one key's casing. */
export const externalWorkload: KindDefinition = {
  group: 'workload.linkerd.io',
  kind: 'ExternalWorkload',
  plural: 'externalworkloads',
  specRequired: true,
  categories: ['external'],
  listKind: true,
  envelope: 'typed',
  description: 'A workload outside Kubernetes (a VM or a bare-metal host) whose proxy joins the mesh.',
  versions: [
    { name: 'v1alpha1', storage: false, status, statusWithoutSubresource: true, printerColumns: columns('meshTls'), spec: obj({ meshTls: meshTLS, ports, workloadIPs: workloadIPs(1) }, ['meshTls']) },
    { name: 'v1beta1', storage: true, status, printerColumns: columns('meshTLS'), spec: obj({ meshTLS, ports, workloadIPs: workloadIPs(2) }, ['meshTLS']) },
  ],
};
