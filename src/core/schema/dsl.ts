import type { Schema } from './types';

/** Small constructors that keep the kind definitions readable; each returns plain OpenAPI data. */
type Opts = Omit<Schema, 'type' | 'properties' | 'items' | 'required'>;

export const str = (o: Opts = {}): Schema => ({ type: 'string', ...o });
export const int = (o: Opts = {}): Schema => ({ type: 'integer', ...o });
export const bool = (o: Opts = {}): Schema => ({ type: 'boolean', ...o });
export const arr = (items: Schema, o: Opts = {}): Schema => ({ type: 'array', items, ...o });
export const obj = (properties: Record<string, Schema>, required: readonly string[] = [], o: Opts = {}): Schema =>
  required.length ? { type: 'object', properties, required, ...o } : { type: 'object', properties, ...o };
export const intOrString = (o: Opts = {}): Schema => ({ 'x-kubernetes-int-or-string': true, ...o });
export const stringMap = (): Schema => ({ type: 'object', additionalProperties: { type: 'string' } });
export const anyObject = (o: Opts = {}): Schema => ({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true, ...o });
export const exactlyOne = (...fields: string[]): Schema['oneOf'] => fields.map((f) => ({ required: [f] }));

export const DNS_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
export const DNS_SUBDOMAIN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
export const GROUP = '^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
export const KIND = '^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$';
export const HOSTNAME = '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
export const HEADER_NAME = "^[A-Za-z0-9!#$%&'*+\\-.^_\\x60|~]+$";
/** A mesh identity as ServerAuthorization's CRD allows it: `*` or DNS labels, optionally led by `*`. */
export const IDENTITY = '^(\\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?)(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
export const GATEWAY_DURATION = '^([0-9]{1,5}(h|m|s|ms)){1,4}$';
