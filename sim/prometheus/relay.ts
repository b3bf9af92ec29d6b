// Forwards one service-proxy request to a real HTTP server standing behind a simulated Service, because
// simulated pods answer synchronously from memory and the real Prometheus can only be asked over HTTP.
import { request } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../api/status';

export function relay(base: string, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const upstream = request(`${base}${path}`, { method: req.method, headers: { accept: req.headers.accept ?? '*/*' }, timeout: 30_000 }, (reply) => {
      res.writeHead(reply.statusCode ?? 502, { 'Content-Type': reply.headers['content-type'] ?? 'application/octet-stream' });
      reply.pipe(res);
      reply.on('end', resolve);
      reply.on('error', (e) => (res.destroy(e), resolve()));
    });
    // Failures before any answer become the API server's own 503, as when it cannot dial an endpoint.
    upstream.on('timeout', () => upstream.destroy(new Error('timeout awaiting response headers')));
    upstream.on('error', (e) => (res.headersSent ? (res.destroy(e), resolve()) : reject(new ApiError(503, 'ServiceUnavailable', `error trying to reach service: ${e.message}`))));
    upstream.end();
  });
}
