import { arr, int, obj, str } from './dsl';
import type { KindDefinition } from './types';

const meshTLS = obj({ identity: str({ minLength: 1, maxLength: 253 }), serverName: str({ minLength: 1, maxLength: 253 }) }, ['identity', 'serverName']);
const ports = arr(obj({ name: str(), port: int({ format: 'int32', minimum: 1, maximum: 65535 }), protocol: str({ default: 'TCP' }) }, ['port']));

/** ExternalWorkload: `meshTls` in v1alpha1 became `meshTLS` in v1beta1, so the versions differ by one key's casing. */
export const externalWorkload: KindDefinition = {
  group: 'workload.linkerd.io',
  kind: 'ExternalWorkload',
  plural: 'externalworkloads',
  specRequired: true,
  versions: [
    { name: 'v1alpha1', storage: false, spec: obj({ meshTls: meshTLS, ports, workloadIPs: arr(obj({ ip: str() }), { maxItems: 1 }) }, ['meshTls']) },
    { name: 'v1beta1', storage: true, status: true, spec: obj({ meshTLS, ports, workloadIPs: arr(obj({ ip: str() }), { maxItems: 2 }) }, ['meshTLS']) },
  ],
};
