import { parseGoDuration } from '../checks/duration';
import type { JsonObject } from '../model/view';
import { has, isObject, objects, type CelCheck } from './check';

/** Rules of an HTTPRoute: how filters combine with backends and matches, session persistence and timeouts. */

/** A filter with a path modifier of this kind that replaces the matched prefix. */
const replacesPrefix = (f: JsonObject, field: 'requestRedirect' | 'urlRewrite'): boolean => {
  const modifier = f[field];
  const path = isObject(modifier) ? modifier.path : undefined;
  return isObject(path) && path.type === 'ReplacePrefixMatch' && has(path, 'replacePrefixMatch');
};

/** `replacePrefixMatch` needs the rule to match on exactly one path prefix (matches as defaulted). */
const onePrefixMatch = (rule: JsonObject): boolean => {
  const matches = objects(rule.matches);
  const path = matches[0]?.path;
  return Array.isArray(rule.matches) && rule.matches.length === 1 && isObject(path) && path.type === 'PathPrefix';
};

function prefixReplacement(id: string, field: 'requestRedirect' | 'urlRewrite', inBackends: boolean, what: string): CelCheck {
  return {
    id,
    at: { HTTPRoute: ['.spec.rules[]'] },
    check(self, report) {
      if (!isObject(self)) return;
      const candidates = inBackends ? objects(self.backendRefs).filter((b) => objects(b.filters).filter((f) => replacesPrefix(f, field)).length === 1) : objects(self.filters).filter((f) => replacesPrefix(f, field));
      // The CRD rule applies when exactly one filter (or backend) replaces the prefix.
      if (candidates.length !== 1 || onePrefixMatch(self)) return;
      report(self, has(self, 'matches') ? 'matches' : undefined, `${what} with path.replacePrefixMatch needs this rule to have exactly one match, of type PathPrefix (Gateway API CRD rule ${id}).`);
    },
  };
}

function duration(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const d = parseGoDuration(text);
  return 'ms' in d ? d.ms : undefined;
}

export const RULE_CHECKS: readonly CelCheck[] = [
  {
    id: 'redirect-without-backends',
    at: { HTTPRoute: ['.spec.rules[]'] },
    check(self, report) {
      if (!isObject(self) || !Array.isArray(self.backendRefs) || self.backendRefs.length === 0) return;
      const redirect = objects(self.filters).find((f) => has(f, 'requestRedirect'));
      if (redirect) report(redirect, 'requestRedirect', `A rule that redirects cannot also send to backendRefs: remove the backendRefs or the RequestRedirect filter (Gateway API CRD rule redirect-without-backends).`);
    },
  },
  prefixReplacement('redirect-prefix-needs-one-prefix-match', 'requestRedirect', false, 'A RequestRedirect filter'),
  prefixReplacement('rewrite-prefix-needs-one-prefix-match', 'urlRewrite', false, 'A URLRewrite filter'),
  prefixReplacement('backend-redirect-prefix-needs-one-prefix-match', 'requestRedirect', true, "A backendRef's RequestRedirect filter"),
  prefixReplacement('backend-rewrite-prefix-needs-one-prefix-match', 'urlRewrite', true, "A backendRef's URLRewrite filter"),
  {
    id: 'permanent-cookie-needs-absolute-timeout',
    at: { HTTPRoute: ['.spec.rules[].sessionPersistence'], GRPCRoute: ['.spec.rules[].sessionPersistence'] },
    check(self, report) {
      if (!isObject(self) || !isObject(self.cookieConfig) || self.cookieConfig.lifetimeType !== 'Permanent' || has(self, 'absoluteTimeout')) return;
      report(self.cookieConfig, 'lifetimeType', `A Permanent session cookie needs sessionPersistence.absoluteTimeout (Gateway API CRD rule permanent-cookie-needs-absolute-timeout).`);
    },
  },
  {
    id: 'backend-timeout-within-request-timeout',
    at: { HTTPRoute: ['.spec.rules[].timeouts'] },
    check(self, report) {
      if (!isObject(self)) return;
      const [request, backend] = [duration(self.request), duration(self.backendRequest)];
      // A request timeout of 0s means none, so any backendRequest fits.
      if (request === undefined || backend === undefined || request === 0 || backend <= request) return;
      report(self, 'backendRequest', `backendRequest (${String(self.backendRequest)}) is longer than the request timeout (${String(self.request)}) (Gateway API CRD rule backend-timeout-within-request-timeout).`);
    },
  },
];
