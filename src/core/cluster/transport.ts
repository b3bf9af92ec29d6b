import * as https from 'node:https';
import { gunzipSync } from 'node:zlib';
import { ClusterError, fromHttpStatus, fromNetworkError, type KubeStatus } from './errors';
import { CancelledError } from '../errors';
import { sleep } from '../cancel';

/** Where and how to reach one API server: everything the TLS and auth layers need. */
export interface Connection {
  readonly contextName: string;
  readonly server: string;
  /** TLS material and auth headers, as @kubernetes/client-node fills them in for the context. */
  readonly tls: https.RequestOptions;
}

/**
 * Receives one line per API call; never given bodies, headers or tokens. Calls go to `debug` when there is one:
 * an editor polling the cluster logs what changes at info level, not every request.
 */
export interface RequestLog {
  info(message: string): void;
  debug?(message: string): void;
  warn(message: string): void;
}

export interface ApiRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path and query, e.g. `/api/v1/namespaces/default/pods?labelSelector=app%3Dweb`. */
  readonly path: string;
  readonly body?: unknown;
  readonly contentType?: string;
  /** The RBAC verb and the human name of the object, for error messages ("create", `deployment "web" in "default"`). */
  readonly verb: string;
  readonly what: string;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** Retries for idempotent reads (GET) on transient failures; writes are never retried. */
  readonly retries?: number;
  /**
   * Streamed answers only: ask for gzip. A proxy's /metrics is ~200 KB of text that compresses about 15-20x,
   * so the API server and the network move a twentieth of the bytes. The compressed answer is kept until it
   * ends and inflated in one call: zlib's stream sends every 16 KB to the thread pool and back, which cost
   * more CPU than the inflating itself (bench/RESULTS.md, 2026-12-05, branch proxperf).
   */
  readonly gzip?: boolean;
}

export interface ApiResponse<T> {
  readonly status: number;
  readonly body: T;
}

/** Receives a successful response's body as it arrives instead of all at once; a gzipped one in one piece, inflated, once it has ended. */
export interface BodySink {
  chunk(bytes: Buffer): void;
}

/** Called when a 2xx response begins (again on a retry), with the time its headers arrived (ms since the epoch). */
export type OpenSink = (at: number) => BodySink;

const TRANSIENT = new Set(['unreachable', 'timeout', 'server']);

/** A proxy's /metrics inflates to a few hundred KB; a body inflating past this is refused, not held in memory. */
const MAX_INFLATED_BYTES = 64 * 2 ** 20;

/**
 * Sends Kubernetes API requests with timeouts, cancellation, retry with backoff for reads, and one log line per
 * call, over kept-alive connections: a traffic read makes a request per meshed pod, and a TLS handshake for
 * each would cost more CPU than reading the answer.
 */
export class KubeTransport {
  private readonly agent: https.Agent;

  constructor(
    readonly connection: Connection,
    private readonly log: RequestLog,
    private readonly defaults: { timeoutMs: number; retries: number; backoffMs: number } = { timeoutMs: 15000, retries: 3, backoffMs: 250 },
  ) {
    this.agent = keepAliveAgent(connection.tls.agent);
  }

  async request<T>(req: ApiRequest, opts: CallOptions = {}, open?: OpenSink): Promise<ApiResponse<T>> {
    const retries = req.method === 'GET' ? (opts.retries ?? this.defaults.retries) : 0;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once<T>(req, opts, open);
      } catch (e) {
        const retriable = e instanceof ClusterError && TRANSIENT.has(e.kind) && (e.status === undefined || e.status >= 500 || e.status === 429);
        if (!retriable || attempt >= retries || opts.signal?.aborted) throw e;
        const delay = this.defaults.backoffMs * 2 ** attempt;
        this.log.warn(`${req.method} ${redactQuery(req.path)} failed (${e.message}); retry ${attempt + 1}/${retries} in ${delay} ms`);
        await sleep(delay, opts.signal);
      }
    }
  }

  /** Closes idle kept-alive connections (a CLI run that is done, or a context no longer used). */
  close(): void {
    this.agent.destroy();
  }

  private once<T>(req: ApiRequest, opts: CallOptions, open?: OpenSink): Promise<ApiResponse<T>> {
    const { connection } = this;
    const url = new URL(req.path, connection.server.endsWith('/') ? connection.server : connection.server + '/');
    const payload = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    const headers: Record<string, string | number> = { Accept: 'application/json', ...(connection.tls.headers as Record<string, string> | undefined) };
    if (open && opts.gzip) headers['Accept-Encoding'] = 'gzip';
    if (payload !== undefined) {
      headers['Content-Type'] = req.contentType ?? 'application/json';
      headers['Content-Length'] = Buffer.byteLength(payload);
    }
    const started = Date.now();
    const requestLine = (status: number) => {
      const line = `${req.method} ${redactQuery(req.path)} ${status} ${Date.now() - started} ms`;
      if (this.log.debug) this.log.debug(line);
      else this.log.info(line);
    };
    const timeoutMs = opts.timeoutMs ?? this.defaults.timeoutMs;
    return new Promise<ApiResponse<T>>((resolve, reject) => {
      if (opts.signal?.aborted) return reject(new CancelledError('The request was cancelled.'));
      const r = https.request(url, { ...connection.tls, agent: this.agent, method: req.method, headers, signal: opts.signal, timeout: timeoutMs }, (res) => {
        const status = res.statusCode ?? 0;
        res.on('error', (e) => reject(fromNetworkError(e, connection.contextName, connection.server)));
        if (open && status >= 200 && status < 300) {
          const sink = open(Date.now());
          const done = () => {
            requestLine(status);
            resolve({ status, body: undefined as T });
          };
          // A server may answer uncompressed whatever was asked; only what it says it sent is inflated.
          if (res.headers['content-encoding'] !== 'gzip') {
            res.on('data', (c: Buffer) => sink.chunk(c));
            res.on('end', done);
            return;
          }
          const compressed: Buffer[] = [];
          res.on('data', (c: Buffer) => compressed.push(c));
          res.on('end', () => {
            let body: Buffer;
            try {
              body = gunzipSync(compressed.length === 1 ? compressed[0] : Buffer.concat(compressed), { maxOutputLength: MAX_INFLATED_BYTES });
            } catch (e) {
              return reject(new ClusterError('server', `The answer of ${req.what} could not be decompressed: ${(e as Error).message}`, 'Try again; if it persists, report it with the log.'));
            }
            sink.chunk(body);
            done();
          });
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          requestLine(status);
          const body = parseJson(text);
          if (status >= 200 && status < 300) resolve({ status, body: (body ?? text) as T });
          else reject(fromHttpStatus(status, body as KubeStatus | undefined, req.verb, req.what, connection.contextName));
        });
      });
      r.on('timeout', () => {
        r.destroy();
        this.log.warn(`${req.method} ${redactQuery(req.path)} timed out after ${timeoutMs} ms`);
        reject(new ClusterError('timeout', `The API server of context "${connection.contextName}" did not answer within ${timeoutMs / 1000} s.`, 'Check that the cluster is running and not overloaded.'));
      });
      r.on('error', (e) => {
        this.log.warn(`${req.method} ${redactQuery(req.path)} failed after ${Date.now() - started} ms: ${(e as { code?: string }).code ?? e.message}`);
        reject(fromNetworkError(e, connection.contextName, connection.server));
      });
      if (payload !== undefined) r.write(payload);
      r.end();
    });
  }
}

/**
 * @kubernetes/client-node hands over a plain https.Agent carrying the context's TLS options, without keep-alive;
 * the same options with keep-alive replace it. Any other agent (a proxy from the kubeconfig's proxy-url) is kept.
 */
function keepAliveAgent(given: unknown): https.Agent {
  if (given === undefined || given === null) return new https.Agent({ keepAlive: true });
  if (given instanceof https.Agent && given.constructor === https.Agent) return new https.Agent({ ...(given as https.Agent & { options: https.AgentOptions }).options, keepAlive: true });
  return given as https.Agent;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Query strings can carry credentials (proxied URLs): the log masks any parameter named like one. */
export function redactQuery(path: string): string {
  const q = path.indexOf('?');
  if (q < 0) return path;
  const params = path
    .slice(q + 1)
    .split('&')
    .map((p) => {
      const name = p.split('=')[0];
      return /token|secret|password|key/i.test(name) ? `${name}=<redacted>` : p;
    });
  return `${path.slice(0, q)}?${params.join('&')}`;
}
