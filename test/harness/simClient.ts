import type { Simulator } from '../../sim/simulator';
import { ClusterClient } from '../../src/core/cluster/client';
import { KubeTransport } from '../../src/core/cluster/transport';

/** The test's own view of the simulated cluster, independent of the extension under test (and of its log). */
export function simClient(sim: Simulator): ClusterClient {
  const connection = { contextName: sim.contextName, server: sim.url, tls: { ca: sim.caPem, headers: { Authorization: `Bearer ${sim.token}` } } };
  return new ClusterClient(new KubeTransport(connection, { info() {}, warn() {} }));
}
