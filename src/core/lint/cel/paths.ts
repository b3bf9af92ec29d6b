import { isObject, type CelCheck } from './check';

/** Path matches of an HTTPRoute (type and value as defaulted: PathPrefix and `/`). */

const EXACT_OR_PREFIX = ['Exact', 'PathPrefix'];
const PATH_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|%[0-9a-fA-F]{2})+$/;

function pathRule(id: string, broken: (value: string) => boolean, why: string, repair?: (value: string) => string): CelCheck {
  return {
    id,
    at: { HTTPRoute: ['.spec.rules[].matches[].path'] },
    check(self, report) {
      if (!isObject(self) || !EXACT_OR_PREFIX.includes(String(self.type)) || typeof self.value !== 'string' || !broken(self.value)) return;
      report(self, 'value', `An ${String(self.type)} path ${why} (Gateway API CRD rule ${id}).`, repair?.(self.value));
    },
  };
}

export const PATH_CHECKS: readonly CelCheck[] = [
  pathRule('path-absolute', (v) => !v.startsWith('/'), "must be absolute: start it with '/'", (v) => `/${v}`),
  pathRule('path-no-double-slash', (v) => v.includes('//'), "must not contain '//'"),
  pathRule('path-no-dot-segment', (v) => v.includes('/./'), "must not contain '/./'"),
  pathRule('path-no-dot-dot-segment', (v) => v.includes('/../'), "must not contain '/../'"),
  pathRule('path-no-encoded-slash-lower', (v) => v.includes('%2f'), "must not contain an encoded slash '%2f'"),
  pathRule('path-no-encoded-slash-upper', (v) => v.includes('%2F'), "must not contain an encoded slash '%2F'"),
  pathRule('path-no-fragment', (v) => v.includes('#'), "must not contain '#'"),
  pathRule('path-no-trailing-dot-dot', (v) => v.endsWith('/..'), "must not end with '/..'"),
  pathRule('path-no-trailing-dot', (v) => v.endsWith('/.'), "must not end with '/.'"),
  pathRule('path-valid-characters', (v) => !PATH_CHARS.test(v), 'may hold only letters, digits, -._~!$&\'()*+,;=:@/ and %-escapes'),
  {
    id: 'path-type-known',
    at: { HTTPRoute: ['.spec.rules[].matches[].path'] },
    schemaCovered: true,
    check(self, report) {
      if (isObject(self) && typeof self.type === 'string' && ![...EXACT_OR_PREFIX, 'RegularExpression'].includes(self.type)) {
        report(self, 'type', `A path match type must be Exact, PathPrefix or RegularExpression (Gateway API CRD rule path-type-known).`);
      }
    },
  },
];
