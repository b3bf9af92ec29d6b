/**
 * kubectl insists on downloading /openapi/v2 (protobuf only) before it validates manifests, but skips
 * types the document does not describe. The simulator therefore serves a valid document with no
 * definitions, encoded by hand: field 1 swagger, field 2 info {1 title, 2 version}.
 */
export const OPENAPI_V2_CONTENT_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

function stringField(field: number, value: string): Buffer {
  const bytes = Buffer.from(value);
  return Buffer.concat([Buffer.from([(field << 3) | 2, bytes.length]), bytes]);
}

function messageField(field: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([(field << 3) | 2, body.length]), body]);
}

export function emptyOpenApiV2(version: string): Buffer {
  return Buffer.concat([stringField(1, '2.0'), messageField(2, Buffer.concat([stringField(1, 'Kubernetes'), stringField(2, version)]))]);
}
