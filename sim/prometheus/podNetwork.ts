// The simulated pods' network as seen from outside the process: an HTTP forward proxy on loopback.
// Prometheus is told to use it (proxy_url), asks for `http://<podIP>:<port>/<path>`, and gets what the
// pod's simulated listener on that port answers; a port nobody listens on fails like a refused dial.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ObjectApi } from '../api/objects';
import type { Kubelet } from '../cluster/kubelet';
import { isRunning, type Pod } from '../cluster/podTypes';

export interface PodNetwork {
  url: string;
  close(): Promise<void>;
}

export async function startPodNetwork(api: ObjectApi, kubelet: Kubelet): Promise<PodNetwork> {
  const pods = api.typeOf('Pod');
  const server: Server = createServer((req, res) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('only absolute-form requests (a forward proxy)\n');
      return;
    }
    const pod = (api.peek(pods) as Pod[]).find((p) => isRunning(p) && p.status!.podIP === target.hostname);
    const handler = pod && kubelet.listeners(pod).get(Number(target.port || 80));
    if (!handler) {
      res.writeHead(502, { 'Content-Type': 'text/plain' }).end(`dial tcp ${target.host}: connect: connection refused\n`);
      return;
    }
    const reply = handler(target.pathname + target.search);
    res.writeHead(reply.status, { 'Content-Type': reply.contentType }).end(req.method === 'HEAD' ? undefined : reply.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
