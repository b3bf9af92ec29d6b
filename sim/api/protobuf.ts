/**
 * Decodes the Kubernetes protobuf bodies kubectl's typed commands send (`kubectl create namespace`,
 * `create configmap|secret|serviceaccount`, `auth can-i`) into the JSON shape the rest of the server
 * handles. Only the kinds listed in SCHEMAS are understood; others are refused with 415.
 */

type FieldType = 'string' | 'bytes' | 'bool' | 'int' | 'map' | 'bytesMap' | Schema | [Schema] | ['string'];

interface Schema {
  [field: number]: [name: string, type: FieldType];
}

const OBJECT_META: Schema = {
  1: ['name', 'string'],
  2: ['generateName', 'string'],
  3: ['namespace', 'string'],
  5: ['uid', 'string'],
  6: ['resourceVersion', 'string'],
  11: ['labels', 'map'],
  12: ['annotations', 'map'],
  14: ['finalizers', ['string']],
};

const RESOURCE_ATTRIBUTES: Schema = {
  1: ['namespace', 'string'],
  2: ['verb', 'string'],
  3: ['group', 'string'],
  4: ['version', 'string'],
  5: ['resource', 'string'],
  6: ['subresource', 'string'],
  7: ['name', 'string'],
};

const SCHEMAS: Record<string, Schema> = {
  'v1/Namespace': { 1: ['metadata', OBJECT_META], 2: ['spec', { 1: ['finalizers', ['string']] }] },
  'v1/ConfigMap': { 1: ['metadata', OBJECT_META], 2: ['data', 'map'], 3: ['binaryData', 'bytesMap'], 4: ['immutable', 'bool'] },
  'v1/Secret': { 1: ['metadata', OBJECT_META], 2: ['data', 'bytesMap'], 3: ['type', 'string'], 4: ['stringData', 'map'], 5: ['immutable', 'bool'] },
  'v1/ServiceAccount': { 1: ['metadata', OBJECT_META], 4: ['automountServiceAccountToken', 'bool'] },
  'authorization.k8s.io/v1/SelfSubjectAccessReview': {
    1: ['metadata', OBJECT_META],
    2: ['spec', { 1: ['resourceAttributes', RESOURCE_ATTRIBUTES], 2: ['nonResourceAttributes', { 1: ['path', 'string'], 2: ['verb', 'string'] }] }],
  },
};

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export class UnsupportedProtobuf extends Error {}

export function decodeKubernetesProtobuf(body: Buffer): Record<string, unknown> {
  if (!body.subarray(0, 4).equals(MAGIC)) throw new UnsupportedProtobuf('the body does not start with the Kubernetes protobuf prefix');
  const envelope = fields(body.subarray(4));
  const typeMeta = fields(envelope.get(1)?.[0] as Buffer);
  const apiVersion = (typeMeta.get(1)?.[0] as Buffer | undefined)?.toString() ?? '';
  const kind = (typeMeta.get(2)?.[0] as Buffer | undefined)?.toString() ?? '';
  const schema = SCHEMAS[`${apiVersion}/${kind}`];
  if (!schema) throw new UnsupportedProtobuf(`protobuf bodies of ${apiVersion} ${kind} are not understood`);
  return { apiVersion, kind, ...decode(envelope.get(2)?.[0] as Buffer, schema) };
}

function decode(bytes: Buffer, schema: Schema): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [number, values] of fields(bytes)) {
    const entry = schema[number];
    if (!entry) continue;
    const [name, type] = entry;
    const raw = values as Buffer[];
    if (type === 'string') result[name] = raw[raw.length - 1].toString();
    else if (type === 'bytes') result[name] = raw[raw.length - 1].toString('base64');
    else if (type === 'bool' || type === 'int') result[name] = type === 'bool' ? values[values.length - 1] === 1 : values[values.length - 1];
    else if (type === 'map' || type === 'bytesMap') {result[name] = Object.fromEntries(raw.map((entry) => {
      const kv = fields(entry);
      const value = (kv.get(2)?.[0] as Buffer | undefined) ?? Buffer.alloc(0);
      return [(kv.get(1)?.[0] as Buffer).toString(), type === 'map' ? value.toString() : value.toString('base64')];
    }));}
    else if (Array.isArray(type)) result[name] = raw.map((b) => (type[0] === 'string' ? b.toString() : decode(b, type[0] as Schema)));
    else result[name] = decode(raw[raw.length - 1], type);
  }
  return result;
}

/** Splits a protobuf message into its fields: length-delimited ones as Buffers, varints as numbers. */
function fields(bytes: Buffer | undefined): Map<number, (Buffer | number)[]> {
  const out = new Map<number, (Buffer | number)[]>();
  if (!bytes) return out;
  let offset = 0;
  const varint = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[offset++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
    }
  };
  while (offset < bytes.length) {
    const key = varint();
    const [number, wire] = [Math.floor(key / 8), key % 8];
    let value: Buffer | number;
    if (wire === 0) value = varint();
    else if (wire === 2) {
      const length = varint();
      value = bytes.subarray(offset, offset + length);
      offset += length;
    } else if (wire === 1) {
      value = 0;
      offset += 8;
    } else if (wire === 5) {
      value = 0;
      offset += 4;
    } else throw new UnsupportedProtobuf(`unexpected wire type ${wire}`);
    out.set(number, [...(out.get(number) ?? []), value]);
  }
  return out;
}
