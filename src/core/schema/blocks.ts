import { arr, DNS_LABEL, DNS_SUBDOMAIN, GROUP, HEADER_NAME, HOSTNAME, int, KIND, obj, str } from './dsl';
import type { Schema } from './types';

/** Building blocks shared by several kinds, written once. */

export const labelSelector = (description: string): Schema =>
  obj(
    {
      matchLabels: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      matchExpressions: arr(
        obj({ key: str(), operator: str({ enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] }), values: arr(str()) }, ['key', 'operator']),
      ),
    },
    [],
    { description },
  );

export const network: Schema = obj({ cidr: str(), except: arr(str()) }, ['cidr']);

export const refGroup = str({ maxLength: 253, pattern: GROUP });
export const refKind = str({ minLength: 1, maxLength: 63, pattern: KIND });
export const refName = str({ minLength: 1, maxLength: 253 });
const [group, kind, name] = [refGroup, refKind, refName];

/** A list of maps the API server keeps unique by `name`: a second entry with the same name is rejected. */
const byName = { 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] } as const;

/** A reference to an object in the referrer's namespace. */
export const localRef: Schema = obj({ group, kind, name }, ['kind', 'name']);

/** A reference that may name another namespace. */
export const namespacedRef: Schema = obj({ group, kind, name, namespace: str({ maxLength: 253 }) }, ['kind', 'name']);

export const hostnames: Schema = arr(str({ minLength: 1, maxLength: 253, pattern: HOSTNAME }), { maxItems: 16 });

/** Route parent references; the default group differs between the policy and the Gateway API routes. */
export const parentRefs = (defaultGroup: string, portRange: boolean): Schema =>
  arr(
    obj(
      {
        group: str({ maxLength: 253, pattern: GROUP, default: defaultGroup }),
        kind: str({ minLength: 1, maxLength: 63, pattern: KIND, default: 'Gateway' }),
        name,
        namespace: str({ minLength: 1, maxLength: 63, pattern: DNS_LABEL }),
        sectionName: str({ minLength: 1, maxLength: 253, pattern: DNS_SUBDOMAIN }),
        port: portRange ? int({ format: 'int32', minimum: 1, maximum: 65535 }) : int({ format: 'int32' }),
      },
      ['name'],
    ),
    { maxItems: 32 },
  );

const headerMatch = (valueMax: number, namePattern: boolean): Schema =>
  arr(
    obj(
      {
        name: str({ minLength: 1, maxLength: 256, ...(namePattern ? { pattern: HEADER_NAME } : {}) }),
        type: str({ enum: ['Exact', 'RegularExpression'], default: 'Exact' }),
        value: str({ minLength: 1, maxLength: valueMax }),
      },
      ['name', 'value'],
    ),
    { maxItems: 16, ...byName },
  );

/** What an HTTP route matches when it says nothing: every path. The CRDs default rules, matches and path to it. */
const ANY_PATH = { type: 'PathPrefix', value: '/' };
export const DEFAULT_HTTP_RULES = [{ matches: [{ path: ANY_PATH }] }];

/** HTTP route matches; the Gateway API also limits query parameter names to HTTP tokens. */
export const httpMatches = (gateway: boolean): Schema =>
  arr(
    obj({
      path: obj({ type: str({ enum: ['Exact', 'PathPrefix', 'RegularExpression'], default: 'PathPrefix' }), value: str({ maxLength: 1024, default: '/' }) }, [], { default: ANY_PATH }),
      headers: headerMatch(4096, true),
      queryParams: headerMatch(1024, gateway),
      method: str({ enum: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'] }),
    }),
    { maxItems: 8, default: [{ path: ANY_PATH }] },
  );

const headerValue = obj({ name: str({ minLength: 1, maxLength: 256, pattern: HEADER_NAME }), value: str({ minLength: 1, maxLength: 4096 }) }, ['name', 'value']);

/** A header modifier; the Gateway API also keeps `remove` a set (no name twice). */
export const headerModifier = (gateway: boolean): Schema =>
  obj({
    set: arr(headerValue, { maxItems: 16, ...byName }),
    add: arr(headerValue, { maxItems: 16, ...byName }),
    remove: arr(str(), { maxItems: 16, ...(gateway ? { 'x-kubernetes-list-type': 'set' as const } : {}) }),
  });

export const requestRedirect: Schema = obj({
  scheme: str({ enum: ['http', 'https'] }),
  hostname: str({ minLength: 1, maxLength: 253, pattern: DNS_SUBDOMAIN }),
  path: obj(
    {
      type: str({ enum: ['ReplaceFullPath', 'ReplacePrefixMatch'] }),
      replaceFullPath: str({ maxLength: 1024 }),
      replacePrefixMatch: str({ maxLength: 1024 }),
    },
    ['type'],
  ),
  port: int({ format: 'int32', minimum: 1, maximum: 65535 }),
  statusCode: int({ enum: [301, 302], default: 302 }),
});

/** An HTTP filter list whose `type` may take the given values. */
export const httpFilters = (types: readonly string[], gateway: boolean, extra: Record<string, Schema> = {}): Schema =>
  arr(
    obj(
      {
        type: str({ enum: types }),
        requestHeaderModifier: headerModifier(gateway),
        ...(types.includes('ResponseHeaderModifier') ? { responseHeaderModifier: headerModifier(gateway) } : {}),
        ...(types.includes('RequestRedirect') ? { requestRedirect } : {}),
        ...extra,
      },
      ['type'],
    ),
    { maxItems: 16 },
  );

export const backendRef = (filters: Schema, extra: Record<string, Schema> = {}): Schema =>
  obj(
    {
      group: str({ maxLength: 253, pattern: GROUP, default: '' }),
      kind: str({ minLength: 1, maxLength: 63, pattern: KIND, default: 'Service' }),
      name,
      namespace: str({ minLength: 1, maxLength: 63, pattern: DNS_LABEL }),
      port: int({ format: 'int32', minimum: 1, maximum: 65535 }),
      weight: int({ format: 'int32', minimum: 0, maximum: 1000000, default: 1 }),
      filters,
      ...extra,
    },
    ['name'],
  );
