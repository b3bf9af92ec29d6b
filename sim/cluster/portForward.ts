import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { PodConnection } from './podConnection';
import type { PortHandler } from './podTypes';
import { SpdySession } from './spdy';

/** kubectl ≥ 1.31 tunnels SPDY through a WebSocket; client libraries use the channel protocol. */
const SPDY_TUNNEL = 'SPDY/3.1+portforward.k8s.io';
const CHANNEL_PROTOCOLS = ['v4.channel.k8s.io', 'portforward.k8s.io'];

/**
 * `ws` refuses subprotocols containing '/', as RFC 6455 tokens do not allow it, yet kubectl offers
 * exactly that. The offer is renamed to a valid stand-in for the handshake and the answer renamed back.
 */
const TUNNEL_STAND_IN = 'spdy-3.1-portforward-tunnel';

const wss = new WebSocketServer({
  noServer: true,
  handleProtocols: (offered) => [TUNNEL_STAND_IN, ...CHANNEL_PROTOCOLS].find((p) => offered.has(p)) ?? false,
});
wss.on('headers', (headers: string[]) => {
  const index = headers.indexOf(`Sec-WebSocket-Protocol: ${TUNNEL_STAND_IN}`);
  if (index >= 0) headers[index] = `Sec-WebSocket-Protocol: ${SPDY_TUNNEL}`;
});

export type ListenerLookup = (port: number) => PortHandler | undefined;

/** Serves pods/portforward over a WebSocket (SPDY tunnel or channels) or a plain SPDY/3.1 upgrade. */
export function serveLocalPortForward(req: IncomingMessage, socket: Duplex, head: Buffer, lookup: ListenerLookup, describe: (port: number) => string): void {
  const upgrade = String(req.headers.upgrade ?? '').toLowerCase();
  if (upgrade === 'spdy/3.1') {
    socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\n\r\n');
    const session = spdyPortForward((bytes) => socket.write(bytes), () => socket.end(), lookup, describe);
    if (head.length > 0) session.receive(head);
    socket.on('data', (bytes: Buffer) => session.receive(bytes));
    socket.on('close', () => session.close());
    return;
  }
  const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  if (offered.includes(SPDY_TUNNEL)) req.headers['sec-websocket-protocol'] = TUNNEL_STAND_IN;
  wss.handleUpgrade(req, socket, head, (ws) => {
    if (ws.protocol === TUNNEL_STAND_IN) {
      const session = spdyPortForward((bytes) => ws.send(bytes), () => ws.close(1000), lookup, describe);
      ws.on('message', (data: Buffer) => session.receive(data));
      ws.on('close', () => session.close());
    } else {
      channelPortForward(ws, new URL(req.url ?? '/', 'https://localhost').searchParams.getAll('ports').map(Number), lookup, describe);
    }
  });
}

function spdyPortForward(write: (bytes: Buffer) => void, end: () => void, lookup: ListenerLookup, describe: (port: number) => string): SpdySession {
  const requests = new Map<string, { error?: number; data?: number; port?: number }>();
  const session: SpdySession = new SpdySession(write, {
    onStream(id, headers) {
      const request = requests.get(headers.requestid) ?? {};
      requests.set(headers.requestid, request);
      request.port = Number(headers.port);
      if (headers.streamtype === 'error') request.error = id;
      if (headers.streamtype !== 'data') return { data: () => undefined, end: () => undefined };
      request.data = id;
      const handler = lookup(request.port);
      if (!handler) {
        const message = `error forwarding port ${request.port} to pod ${describe(request.port)}: failed to connect to localhost:${request.port} inside namespace: connection refused`;
        if (request.error !== undefined) session.send(request.error, Buffer.from(message), true);
        session.send(id, Buffer.alloc(0), true);
        return { data: () => undefined, end: () => undefined };
      }
      const finish = () => {
        session.send(id, Buffer.alloc(0), true);
        if (request.error !== undefined) session.send(request.error, Buffer.alloc(0), true);
      };
      const connection = new PodConnection(handler, (bytes) => session.send(id, bytes), finish);
      return { data: (chunk) => connection.write(chunk), end: finish };
    },
    onClose: end,
  });
  return session;
}

/** The channel protocol: byte 0 of each message is the channel, 2i carries port i's data and 2i+1 its errors. */
function channelPortForward(ws: WebSocket, ports: number[], lookup: ListenerLookup, describe: (port: number) => string): void {
  const frame = (channel: number, payload: Buffer) => Buffer.concat([Buffer.from([channel]), payload]);
  const connections = ports.map((port, i) => {
    const portBytes = Buffer.alloc(2);
    portBytes.writeUInt16LE(port);
    ws.send(frame(2 * i, portBytes));
    ws.send(frame(2 * i + 1, portBytes));
    const handler = lookup(port);
    if (!handler) {
      ws.send(frame(2 * i + 1, Buffer.from(`error forwarding port ${port} to pod ${describe(port)}: connection refused`)));
      return undefined;
    }
    return new PodConnection(handler, (bytes) => ws.send(frame(2 * i, bytes)), () => ws.close(1000));
  });
  ws.on('message', (data: Buffer) => {
    const channel = data[0];
    if (channel % 2 === 0) connections[channel / 2]?.write(data.subarray(1));
  });
}
