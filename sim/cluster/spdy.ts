import { constants, inflateSync } from 'node:zlib';

/**
 * The zlib dictionary SPDY/3 header blocks are compressed with, as the SPDY/3 draft specifies it:
 * length-prefixed common header names and values, then a run of common value fragments.
 */
const DICTIONARY_WORDS = [
  'options', 'head', 'post', 'put', 'delete', 'trace', 'accept', 'accept-charset', 'accept-encoding', 'accept-language',
  'accept-ranges', 'age', 'allow', 'authorization', 'cache-control', 'connection', 'content-base', 'content-encoding',
  'content-language', 'content-length', 'content-location', 'content-md5', 'content-range', 'content-type', 'date', 'etag',
  'expect', 'expires', 'from', 'host', 'if-match', 'if-modified-since', 'if-none-match', 'if-range', 'if-unmodified-since',
  'last-modified', 'location', 'max-forwards', 'pragma', 'proxy-authenticate', 'proxy-authorization', 'range', 'referer',
  'retry-after', 'server', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'vary', 'via', 'warning',
  'www-authenticate', 'method', 'get', 'status', '200 OK', 'version', 'HTTP/1.1', 'url', 'public', 'set-cookie', 'keep-alive', 'origin',
];
const DICTIONARY_TAIL =
  '100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505203 Non-Authoritative Information' +
  '204 No Content301 Moved Permanently400 Bad Request401 Unauthorized403 Forbidden404 Not Found500 Internal Server Error' +
  '501 Not Implemented503 Service UnavailableJan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, ' +
  'GMTchunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,text/javascript,' +
  'publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.';

export const SPDY_DICTIONARY = Buffer.concat([
  ...DICTIONARY_WORDS.map((word) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(word.length);
    return Buffer.concat([length, Buffer.from(word, 'latin1')]);
  }),
  Buffer.from(DICTIONARY_TAIL, 'latin1'),
]);

const SYN_STREAM = 1;
const SYN_REPLY = 2;
const RST_STREAM = 3;
const PING = 6;
const GOAWAY = 7;
const FLAG_FIN = 1;

export interface SpdyStreamHandlers {
  /** A peer-initiated stream opened with these headers; returns what to do with its data. */
  onStream(id: number, headers: Record<string, string>): { data(chunk: Buffer): void; end(): void };
  onClose(): void;
}

/**
 * The server side of a SPDY/3.1 session over any byte transport, enough for Kubernetes streaming:
 * peer-opened streams, data both ways, half-close, reset, ping and goaway. Header blocks we send are empty
 * and go out as stored (uncompressed) deflate blocks, which keeps compression synchronous.
 */
export class SpdySession {
  private buffer = Buffer.alloc(0);
  private compressedHeaders = Buffer.alloc(0);
  private inflatedSoFar = 0;
  private sentHeaderBlock = false;
  private readonly streams = new Map<number, { data(chunk: Buffer): void; end(): void }>();
  private closed = false;

  constructor(private readonly write: (bytes: Buffer) => void, private readonly handlers: SpdyStreamHandlers) {}

  receive(bytes: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, bytes]);
    while (this.buffer.length >= 8) {
      const length = this.buffer.readUInt32BE(4) & 0xffffff;
      if (this.buffer.length < 8 + length) return;
      const frame = this.buffer.subarray(0, 8 + length);
      this.buffer = this.buffer.subarray(8 + length);
      this.frame(frame);
    }
  }

  send(id: number, data: Buffer, fin = false): void {
    if (this.closed) return;
    const header = Buffer.alloc(8);
    header.writeUInt32BE(id & 0x7fffffff, 0);
    header.writeUInt32BE(((fin ? FLAG_FIN : 0) << 24) | data.length, 4);
    this.write(Buffer.concat([header, data]));
  }

  reset(id: number, status = 5): void {
    const body = Buffer.alloc(8);
    body.writeUInt32BE(id, 0);
    body.writeUInt32BE(status, 4);
    this.control(RST_STREAM, 0, body);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stream of this.streams.values()) stream.end();
    this.streams.clear();
    this.handlers.onClose();
  }

  private frame(frame: Buffer): void {
    const isControl = (frame[0] & 0x80) !== 0;
    const flags = frame[4];
    const body = frame.subarray(8);
    if (!isControl) {
      const stream = this.streams.get(frame.readUInt32BE(0) & 0x7fffffff);
      if (body.length > 0) stream?.data(body);
      if (flags & FLAG_FIN) stream?.end();
      return;
    }
    switch (frame.readUInt16BE(2)) {
      case SYN_STREAM: {
        const id = body.readUInt32BE(0) & 0x7fffffff;
        const headers = this.decodeHeaders(body.subarray(10));
        const replyBody = Buffer.alloc(4);
        replyBody.writeUInt32BE(id);
        this.control(SYN_REPLY, 0, Buffer.concat([replyBody, this.emptyHeaderBlock()]));
        const stream = this.handlers.onStream(id, headers);
        this.streams.set(id, stream);
        if (flags & FLAG_FIN) stream.end();
        break;
      }
      case RST_STREAM:
        this.streams.get(body.readUInt32BE(0) & 0x7fffffff)?.end();
        break;
      case PING:
        this.control(PING, 0, body);
        break;
      case GOAWAY:
        this.close();
        break;
    }
  }

  private control(type: number, flags: number, body: Buffer): void {
    if (this.closed) return;
    const header = Buffer.alloc(8);
    header.writeUInt16BE(0x8003, 0);
    header.writeUInt16BE(type, 2);
    header.writeUInt32BE((flags << 24) | body.length, 4);
    this.write(Buffer.concat([header, body]));
  }

  /** Header blocks form one zlib stream per direction; inflate everything so far and keep the new part. */
  private decodeHeaders(block: Buffer): Record<string, string> {
    this.compressedHeaders = Buffer.concat([this.compressedHeaders, block]);
    const all = inflateSync(this.compressedHeaders, { dictionary: SPDY_DICTIONARY, finishFlush: constants.Z_SYNC_FLUSH });
    const plain = all.subarray(this.inflatedSoFar);
    this.inflatedSoFar = all.length;
    const headers: Record<string, string> = {};
    let offset = 4;
    for (let i = 0; i < plain.readUInt32BE(0); i++) {
      const nameLength = plain.readUInt32BE(offset);
      const name = plain.toString('latin1', offset + 4, offset + 4 + nameLength);
      offset += 4 + nameLength;
      const valueLength = plain.readUInt32BE(offset);
      headers[name] = plain.toString('latin1', offset + 4, offset + 4 + valueLength);
      offset += 4 + valueLength;
    }
    return headers;
  }

  /**
   * A zero-pair header block: a stored deflate block holding the four-byte pair count, then the empty
   * stored block a sync flush ends with (decoders only hand data out at such a boundary), preceded by
   * the zlib header the first time.
   */
  private emptyHeaderBlock(): Buffer {
    const stored = Buffer.from([0x00, 0x04, 0x00, 0xfb, 0xff, 0, 0, 0, 0, 0x00, 0x00, 0x00, 0xff, 0xff]);
    if (this.sentHeaderBlock) return stored;
    this.sentHeaderBlock = true;
    return Buffer.concat([Buffer.from([0x78, 0x01]), stored]);
  }
}
