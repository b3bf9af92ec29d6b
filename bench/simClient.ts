// A product client for a simulator started in this process, with a log that counts the requests it made:
// the transport logs every request once, so the count is the number of API calls a step cost.
import { startSimulator, type Simulator, type SimulatorOptions } from '../sim/simulator';
import type { ClusterClient } from '../src/core/cluster/client';
import { ClusterSession } from '../src/core/cluster/session';

export class CountingLog {
  requests = 0;
  warnings: string[] = [];
  info = (): void => void this.requests++;
  warn = (m: string): void => void this.warnings.push(m);
}

export async function simClient(options: SimulatorOptions): Promise<{ sim: Simulator; client: ClusterClient; log: CountingLog }> {
  const sim = await startSimulator(options);
  const log = new CountingLog();
  const client = await new ClusterSession(log, () => [sim.kubeconfigPath]).client();
  return { sim, client, log };
}
