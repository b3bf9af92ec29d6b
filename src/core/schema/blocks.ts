import { arr, DNS_LABEL, DNS_SUBDOMAIN, GROUP, HEADER_NAME, HOSTNAME, int, KIND, listMap, obj, str } from './dsl';
import type { Schema } from './types';

/**
 * Building blocks shared by several kinds, written once. Every description is ours; the constraints are
 * those of the CRDs Linkerd ships (the Linkerd tier holds the rendered CRDs against them node by node).
 */

export const labelSelector = (description: string): Schema =>
  obj(
    {
      matchExpressions: arr(
        obj({ key: str(), operator: str({ enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] }), values: arr(str()) }, ['key', 'operator']),
      ),
      matchLabels: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
    [],
    description,
  );

export const network = (cidr?: string, except?: string): Schema =>
  obj({ cidr: str(cidr ?? {}), except: arr(str(), except ?? {}) }, ['cidr']);

export const refGroup = (description: string, o: { default?: string } = {}) => str({ description, ...o, maxLength: 253, pattern: GROUP });
export const refKind = (description: string, o: { default?: string } = {}) => str({ description, ...o, minLength: 1, maxLength: 63, pattern: KIND });
export const refName = (description: string) => str({ description, minLength: 1, maxLength: 253 });
const refNamespace = (description: string) => str({ description, minLength: 1, maxLength: 63, pattern: DNS_LABEL });
const port = (description: string) => int({ description, format: 'int32', minimum: 1, maximum: 65535 });

/** A reference to an object in the referrer's namespace. */
export const localRef = (description: string): Schema =>
  obj(
    {
      group: refGroup('API group of the target; empty for the core group.'),
      kind: refKind('Kind of the target, such as Server or HTTPRoute.'),
      name: refName('Name of the target.'),
    },
    ['kind', 'name'],
    description,
  );

/** A reference that may name another namespace. */
export const namespacedRef = (description?: string): Schema =>
  obj(
    {
      group: refGroup('API group of the referent; empty for the core group.'),
      kind: refKind('Kind of the referent.'),
      name: refName('Name of the referent.'),
      namespace: str({ description: "Namespace of the referent; the referrer's own when left out.", maxLength: 253 }),
    },
    ['kind', 'name'],
    description ?? {},
  );

export const hostnames: Schema = arr(
  str({ description: 'A DNS name, or a wildcard `*.` followed by one, matched against the request\'s host.', minLength: 1, maxLength: 253, pattern: HOSTNAME }),
  { description: "Host names the route applies to, matched against the request's Host header or the TLS SNI; all hosts when empty.", maxItems: 16 },
);

/** Route parent references: the policy routes' (to Servers, whose group they default) and the Gateway API's. */
export const parentRef = (defaultGroup: string, o: { portRange: boolean }): Schema =>
  obj(
    {
      group: refGroup(`API group of the parent (default ${defaultGroup}).`, { default: defaultGroup }),
      kind: refKind('Kind of the parent: a Server or a Service for Linkerd, a Gateway for gateways (the default).', { default: 'Gateway' }),
      name: refName('Name of the parent.'),
      namespace: refNamespace("Namespace of the parent; the route's own when left out. Another namespace must allow the attachment."),
      port: o.portRange ? port('Port of the parent to attach to: for a Service parent, the Service port whose traffic the route governs.') : int('Port of the parent to attach to.'),
      sectionName: str({ description: 'A named part of the parent to attach to, such as a Gateway listener or a Service port name.', minLength: 1, maxLength: 253, pattern: DNS_SUBDOMAIN }),
    },
    ['name'],
    'A parent the route attaches to.',
  );

export const parentRefs = (defaultGroup: string, o: { portRange: boolean; rules?: Schema['x-kubernetes-validations'] }): Schema =>
  arr(parentRef(defaultGroup, o), {
    description: 'The resources the route attaches to and whose traffic it governs: Servers or Services in Linkerd, Gateways elsewhere.',
    maxItems: 32,
    ...(o.rules ? { 'x-kubernetes-validations': o.rules } : {}),
  });

const headerMatch = (what: 'header' | 'query parameter', valueMax: number, namePattern: boolean): Schema =>
  arr(
    obj(
      {
        name: str({
          description: what === 'header' ? 'The header name, matched without regard to case.' : 'The query parameter name, matched exactly.',
          minLength: 1,
          maxLength: 256,
          ...(namePattern ? { pattern: HEADER_NAME } : {}),
        }),
        type: str({ description: 'How the value is compared: Exact (the default) or RegularExpression.', enum: ['Exact', 'RegularExpression'], default: 'Exact' }),
        value: str({ description: `The ${what} value to match.`, minLength: 1, maxLength: valueMax }),
      },
      ['name', 'value'],
      `A ${what} that must be present with the given value.`,
    ),
    { description: `${what === 'header' ? 'Headers' : 'Query parameters'} the request must carry; all of them must match.`, maxItems: 16, ...listMap('name') },
  );

/** What an HTTP route matches when it says nothing: every path. The CRDs default rules, matches and path to it. */
const ANY_PATH = { type: 'PathPrefix', value: '/' };
export const DEFAULT_HTTP_RULES = [{ matches: [{ path: ANY_PATH }] }];

/** HTTP route matches; the Gateway API also limits query parameter names to HTTP tokens and checks paths with CEL. */
export const httpMatches = (gateway: boolean, pathRules?: Schema['x-kubernetes-validations']): Schema =>
  arr(
    obj(
      {
        headers: headerMatch('header', 4096, true),
        method: str({ description: 'The HTTP method the request must use; any method when left out.', enum: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'] }),
        path: obj(
          {
            type: str({ description: 'How the path is compared: Exact, PathPrefix (whole segments, the default) or RegularExpression.', enum: ['Exact', 'PathPrefix', 'RegularExpression'], default: 'PathPrefix' }),
            value: str({ description: 'The path, or path prefix, or expression to match.', maxLength: 1024, default: '/' }),
          },
          [],
          { description: 'The request path to match; every path (prefix `/`) when left out.', default: ANY_PATH, ...(pathRules ? { 'x-kubernetes-validations': pathRules } : {}) },
        ),
        queryParams: headerMatch('query parameter', 1024, gateway),
      },
      [],
      'Conditions on a request, all of which must hold for the rule to apply.',
    ),
    { description: 'The requests the rule applies to: those that satisfy any one of these matches. Every request when left out.', maxItems: 8, default: [{ path: ANY_PATH }] },
  );

const headerValue = (action: 'set' | 'add'): Schema =>
  obj(
    {
      name: str({ description: 'The header name, compared without regard to case.', minLength: 1, maxLength: 256, pattern: HEADER_NAME }),
      value: str({ description: 'The header value.', minLength: 1, maxLength: 4096 }),
    },
    ['name', 'value'],
    action === 'set' ? 'A header to set, replacing any value it has.' : 'A header to add, next to any values it already has.',
  );

/** A header modifier; the Gateway API also keeps `remove` a set (no name twice). */
export const headerModifier = (which: 'request' | 'response', gateway: boolean): Schema =>
  obj(
    {
      add: arr(headerValue('add'), { description: 'Headers to add to those already present.', maxItems: 16, ...listMap('name') }),
      remove: arr(str(), { description: 'Names of headers to remove, compared without regard to case.', maxItems: 16, ...(gateway ? { 'x-kubernetes-list-type': 'set' as const } : {}) }),
      set: arr(headerValue('set'), { description: 'Headers to set, overwriting values already present.', maxItems: 16, ...listMap('name') }),
    },
    [],
    `Changes to the ${which}'s headers.`,
  );

const pathModifier = (description: string, rules?: Schema['x-kubernetes-validations']): Schema =>
  obj(
    {
      replaceFullPath: str({ description: 'The path that replaces the whole path, for type ReplaceFullPath.', maxLength: 1024 }),
      replacePrefixMatch: str({ description: "The value that replaces the part of the path the rule's PathPrefix matched, for type ReplacePrefixMatch.", maxLength: 1024 }),
      type: str({ description: 'How the path changes: ReplaceFullPath or ReplacePrefixMatch.', enum: ['ReplaceFullPath', 'ReplacePrefixMatch'] }),
    },
    ['type'],
    { description, ...(rules ? { 'x-kubernetes-validations': rules } : {}) },
  );

const hostname = (description: string) => str({ description, minLength: 1, maxLength: 253, pattern: DNS_SUBDOMAIN });

export const requestRedirect = (pathRules?: Schema['x-kubernetes-validations']): Schema =>
  obj(
    {
      hostname: hostname("The host of the redirect's Location; the request's when left out."),
      path: pathModifier("The path of the redirect's Location; the request's when left out.", pathRules),
      port: port("The port of the redirect's Location; when left out, the scheme's default or the request's port."),
      scheme: str({ description: "The scheme of the redirect's Location; the request's when left out.", enum: ['http', 'https'] }),
      statusCode: int({ description: 'The HTTP status of the redirect: 301 or 302 (the default).', enum: [301, 302], default: 302 }),
    },
    [],
    'Answers matching requests with a redirect instead of forwarding them.',
  );

export const urlRewrite = (pathRules?: Schema['x-kubernetes-validations']): Schema =>
  obj(
    {
      hostname: hostname('The Host header to send upstream instead of the request\'s.'),
      path: pathModifier('How the path sent upstream is rewritten.', pathRules),
    },
    [],
    'Rewrites the request before it is forwarded.',
  );

/** An HTTP filter whose `type` may take the given values (in the CRD's order), with the fields each type uses. */
export const httpFilter = (types: readonly string[], fields: Record<string, Schema>, rules?: Schema['x-kubernetes-validations']): Schema =>
  obj(
    { ...fields, type: str({ description: `What the filter does: ${types.join(', ')}; the field of the same name holds its settings.`, enum: types }) },
    ['type'],
    { description: 'A change the route makes to a request or its response as it passes.', ...(rules ? { 'x-kubernetes-validations': rules } : {}) },
  );

export const httpFilters = (filter: Schema, description: string, rules?: Schema['x-kubernetes-validations']): Schema =>
  arr(filter, { description, maxItems: 16, ...(rules ? { 'x-kubernetes-validations': rules } : {}) });

/** A backend: a Service (the default kind) and port, with a weight among the rule's backends. */
export const backendRef = (o: { description: string; filters?: Schema; weight?: boolean; rules?: Schema['x-kubernetes-validations'] }): Schema =>
  obj(
    {
      ...(o.filters ? { filters: o.filters } : {}),
      group: refGroup('API group of the backend; empty (the default) for the core group.', { default: '' }),
      kind: refKind('Kind of the backend; Service by default.', { default: 'Service' }),
      name: refName('Name of the backend.'),
      namespace: refNamespace("Namespace of the backend; the route's own when left out. Another namespace must allow the reference."),
      port: port('The port of the backend to send to; required for a Service.'),
      ...(o.weight === false
        ? {}
        : { weight: int({ description: "This backend's share of the rule's requests, relative to the other backends' weights; 0 sends none.", format: 'int32', minimum: 0, maximum: 1000000, default: 1 }) }),
    },
    ['name'],
    { description: o.description, ...(o.rules ? { 'x-kubernetes-validations': o.rules } : {}) },
  );
