import { has, isObject, objects, type CelCheck } from './check';

/** Filter lists (rule and backend level) and filters, as the Gateway API CRDs constrain them. */

const LISTS = ['.spec.rules[].filters', '.spec.rules[].backendRefs[].filters'];
const ITEMS = LISTS.map((l) => `${l}[]`);

const FIELDS: Record<string, string> = {
  RequestHeaderModifier: 'requestHeaderModifier',
  ResponseHeaderModifier: 'responseHeaderModifier',
  RequestMirror: 'requestMirror',
  RequestRedirect: 'requestRedirect',
  URLRewrite: 'urlRewrite',
  ExtensionRef: 'extensionRef',
};
const GRPC_TYPES = ['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'ExtensionRef'];
const slug = (type: string) => FIELDS[type].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The sub-object of a filter must be set exactly when `type` names it: two rules per filter type. */
function fieldMatchesType(type: string): CelCheck[] {
  const field = FIELDS[type];
  const at = { HTTPRoute: ITEMS, ...(GRPC_TYPES.includes(type) ? { GRPCRoute: ITEMS } : {}) };
  return [
    {
      id: `filter-${slug(type)}-only-with-its-type`,
      at,
      check(self, report) {
        if (isObject(self) && has(self, field) && self.type !== type) report(self, field, `'${field}' belongs to a filter of type ${type}; this filter's type is ${String(self.type)}. Remove it or change the type (Gateway API CRD rule filter-${slug(type)}-only-with-its-type).`);
      },
    },
    {
      id: `filter-${slug(type)}-required-by-its-type`,
      at,
      check(self, report) {
        if (isObject(self) && !has(self, field) && self.type === type) report(self, 'type', `A ${type} filter needs its '${field}' settings (Gateway API CRD rule filter-${slug(type)}-required-by-its-type).`);
      },
    },
  ];
}

/** A filter type may appear once per list. */
function notRepeated(type: string, grpc: boolean): CelCheck {
  return {
    id: `filter-${slug(type)}-not-repeated`,
    at: { HTTPRoute: LISTS, ...(grpc ? { GRPCRoute: LISTS } : {}) },
    check(self, report) {
      const same = objects(self).filter((f) => f.type === type);
      if (same.length > 1) report(same[1], 'type', `A ${type} filter appears more than once in this list; merge them into one (Gateway API CRD rule filter-${slug(type)}-not-repeated).`);
    },
  };
}

/** Path modifiers of RequestRedirect and URLRewrite: the type and the field that is set must agree. */
const MODIFIERS = ['requestRedirect', 'urlRewrite'].flatMap((f) => ITEMS.map((i) => `${i}.${f}.path`));
function pathModifier(type: 'ReplaceFullPath' | 'ReplacePrefixMatch'): CelCheck[] {
  const field = type === 'ReplaceFullPath' ? 'replaceFullPath' : 'replacePrefixMatch';
  const name = type === 'ReplaceFullPath' ? 'full-path' : 'prefix-match';
  return [
    {
      id: `path-modifier-${name}-type-needs-value`,
      at: { HTTPRoute: MODIFIERS },
      check(self, report) {
        if (isObject(self) && self.type === type && !has(self, field)) report(self, 'type', `type ${type} needs '${field}' (Gateway API CRD rule path-modifier-${name}-type-needs-value).`);
      },
    },
    {
      id: `path-modifier-${name}-value-needs-type`,
      at: { HTTPRoute: MODIFIERS },
      check(self, report) {
        if (isObject(self) && has(self, field) && self.type !== type) report(self, field, `'${field}' is only read with type ${type}; change the type or use the field it names (Gateway API CRD rule path-modifier-${name}-value-needs-type).`);
      },
    },
  ];
}

export const FILTER_CHECKS: readonly CelCheck[] = [
  {
    id: 'filters-redirect-or-rewrite',
    at: { HTTPRoute: LISTS },
    check(self, report) {
      const list = objects(self);
      const rewrite = list.find((f) => f.type === 'URLRewrite');
      if (rewrite && list.some((f) => f.type === 'RequestRedirect')) report(rewrite, 'type', `A filter list may have a RequestRedirect or a URLRewrite filter, not both (Gateway API CRD rule filters-redirect-or-rewrite).`);
    },
  },
  ...['RequestHeaderModifier', 'ResponseHeaderModifier'].map((t) => notRepeated(t, true)),
  ...['RequestRedirect', 'URLRewrite'].map((t) => notRepeated(t, false)),
  ...Object.keys(FIELDS).flatMap(fieldMatchesType),
  ...pathModifier('ReplaceFullPath'),
  ...pathModifier('ReplacePrefixMatch'),
];
