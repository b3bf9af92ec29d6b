import type { CelRule, Schema } from './types';

/**
 * Small constructors that keep the kind definitions readable; each returns plain OpenAPI data. A string as
 * the options is the node's description.
 */
type Opts = Omit<Schema, 'type' | 'properties' | 'items' | 'required'>;
type OptsOrDescription = Opts | string;
const opts = (o: OptsOrDescription): Opts => (typeof o === 'string' ? { description: o } : o);

export const str = (o: OptsOrDescription = {}): Schema => ({ type: 'string', ...opts(o) });
export const int = (o: OptsOrDescription = {}): Schema => ({ type: 'integer', ...opts(o) });
export const bool = (o: OptsOrDescription = {}): Schema => ({ type: 'boolean', ...opts(o) });
/** A list; `required` here is what some upstream CRDs list on the array itself (the API server ignores it). */
export const arr = (items: Schema, o: OptsOrDescription & { required?: readonly string[] } = {}): Schema => ({ type: 'array', items, ...opts(o) });
export const obj = (properties: Record<string, Schema>, required: readonly string[] = [], o: OptsOrDescription = {}): Schema =>
  required.length ? { type: 'object', properties, required, ...opts(o) } : { type: 'object', properties, ...opts(o) };
export const intOrString = (o: OptsOrDescription = {}): Schema => ({ 'x-kubernetes-int-or-string': true, ...opts(o) });
export const stringMap = (): Schema => ({ type: 'object', additionalProperties: { type: 'string' } });
export const anyObject = (o: Opts = {}): Schema => ({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true, ...o });
export const exactlyOne = (...fields: string[]): Schema['oneOf'] => fields.map((f) => ({ required: [f] }));
/** A CEL rule with our own message. */
export const cel = (rule: string, message: string): CelRule => ({ rule, message });
/** A node with its description (and nothing else changed). */
export const described = (schema: Schema, description: string): Schema => ({ ...schema, description });
/** A list of maps kept unique by the given fields. */
export const listMap = (...keys: string[]) => ({ 'x-kubernetes-list-type': 'map' as const, 'x-kubernetes-list-map-keys': keys });

export const DNS_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
export const DNS_SUBDOMAIN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
export const GROUP = '^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
export const KIND = '^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$';
export const HOSTNAME = '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
export const HEADER_NAME = "^[A-Za-z0-9!#$%&'*+\\-.^_\\x60|~]+$";
/** A mesh identity as ServerAuthorization's CRD allows it: `*` or DNS labels, optionally led by `*`. */
export const IDENTITY = '^(\\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?)(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
export const GATEWAY_DURATION = '^([0-9]{1,5}(h|m|s|ms)){1,4}$';
