import type { PortHandler } from './podTypes';

const REASONS: Record<number, string> = { 200: 'OK', 404: 'Not Found', 500: 'Internal Server Error', 503: 'Service Unavailable' };

/**
 * One TCP connection into a simulated pod port, carried by a port-forward stream. The simulated
 * processes speak HTTP/1.1, so requests are parsed off the byte stream and answered in order.
 */
export class PodConnection {
  private pending = Buffer.alloc(0);

  constructor(private readonly handler: PortHandler, private readonly send: (bytes: Buffer) => void, private readonly close: () => void) {}

  write(bytes: Buffer): void {
    this.pending = Buffer.concat([this.pending, bytes]);
    for (;;) {
      const end = this.pending.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.pending.subarray(0, end).toString('latin1');
      const lines = head.split('\r\n');
      const length = Number(/^content-length:\s*(\d+)/im.exec(head)?.[1] ?? 0);
      if (this.pending.length < end + 4 + length) return;
      this.pending = this.pending.subarray(end + 4 + length);
      const [method, target] = lines[0].split(' ');
      const reply = this.handler(target ?? '/');
      const body = Buffer.from(method === 'HEAD' ? '' : reply.body);
      const closing = /^connection:\s*close/im.test(head);
      this.send(Buffer.from(
        `HTTP/1.1 ${reply.status} ${REASONS[reply.status] ?? ''}\r\nContent-Type: ${reply.contentType}\r\nContent-Length: ${body.length}\r\nDate: ${new Date().toUTCString()}\r\n${closing ? 'Connection: close\r\n' : ''}\r\n`,
        'latin1',
      ));
      if (body.length > 0) this.send(body);
      if (closing) {
        this.close();
        return;
      }
    }
  }
}
