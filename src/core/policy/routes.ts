/**
 * HTTPRoute rules and how the proxy picks the one a request takes, after linkerd2-proxy's route matching
 * (linkerd/http/route/src/lib.rs `find`/`best`, http/match.rs, http/match/path.rs): within and across
 * routes the most specific match wins — the longest path match, then more header matches, then more query
 * parameter matches, then a method match — and among equals the first (routes in creation order).
 * A rule without matches matches everything as a `/` prefix. Observed flows carry no headers or query
 * parameters, so a match that needs them never matches a flow.
 */
import { mapAt, mapsAt, strAt } from './objects';
import type { JsonMap } from './types';

interface Match {
  readonly pathType: 'Exact' | 'PathPrefix' | 'RegularExpression' | undefined;
  readonly pathValue: string;
  readonly regex?: RegExp;
  readonly method?: string;
  readonly headers: number;
  readonly queryParams: number;
}

export interface RouteRule {
  readonly matches: readonly Match[];
}

/** How specifically a request matched: compared field by field, larger is more specific. */
export type MatchSummary = readonly [pathLength: number, headers: number, queryParams: number, method: number];

const IMPLICIT: MatchSummary = [1, 0, 0, 0];

function compileMatch(m: JsonMap): Match {
  const path = mapAt(m, 'path');
  const type = path ? ((strAt(path, 'type') ?? 'PathPrefix') as Match['pathType']) : undefined;
  const value = strAt(path, 'value') ?? '/';
  let regex: RegExp | undefined;
  if (type === 'RegularExpression') {
    try {
      regex = new RegExp(`^(?:${value})$`);
    } catch {
      regex = /(?!)/;
    }
  }
  return { pathType: type, pathValue: value, regex, method: strAt(m, 'method'), headers: mapsAt(m, 'headers').length, queryParams: mapsAt(m, 'queryParams').length };
}

/** The rules of a route's spec; a spec without `rules` gets the CRD's default of one rule matching `/`. */
export function compileRules(spec: JsonMap | undefined): RouteRule[] {
  if (!spec || !Array.isArray(spec.rules)) return [{ matches: [] }];
  return mapsAt(spec, 'rules').map((r) => ({ matches: mapsAt(r, 'matches').map(compileMatch) }));
}

function pathLength(m: Match, path: string): number | undefined {
  switch (m.pathType) {
    case undefined:
      return 1;
    case 'Exact':
      return m.pathValue === path ? m.pathValue.length : undefined;
    case 'RegularExpression':
      return m.regex!.test(path) ? path.length : undefined;
    case 'PathPrefix': {
      if (m.pathValue === '/') return 1;
      const prefix = m.pathValue.replace(/\/+$/, '');
      const trimmed = path.replace(/\/+$/, '');
      if (!trimmed.startsWith(prefix)) return undefined;
      const rest = trimmed.slice(prefix.length);
      return rest === '' || rest.startsWith('/') ? prefix.length : undefined;
    }
  }
}

function summarize(m: Match, method: string, path: string): MatchSummary | undefined {
  if (m.method !== undefined && m.method !== method) return undefined;
  if (m.headers > 0 || m.queryParams > 0) return undefined;
  const length = pathLength(m, path);
  return length === undefined ? undefined : [length, m.headers, m.queryParams, m.method !== undefined ? 1 : 0];
}

function compare(a: MatchSummary, b: MatchSummary): number {
  for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** The best match of a rule list for a request, or undefined. */
export function bestRuleMatch(rules: readonly RouteRule[], method: string, path: string): MatchSummary | undefined {
  let best: MatchSummary | undefined;
  for (const rule of rules) {
    let s: MatchSummary | undefined;
    if (rule.matches.length === 0) s = IMPLICIT;
    else {for (const m of rule.matches) {
      const x = summarize(m, method, path);
      if (x && (!s || compare(x, s) > 0)) s = x;
    }}
    if (s && (!best || compare(s, best) > 0)) best = s;
  }
  return best;
}

/** Index of the route a request takes among routes in precedence order (the first of equals), or -1. */
export function pickRoute(routes: readonly { readonly rules: readonly RouteRule[] }[], method: string, path: string): number {
  let best: MatchSummary | undefined;
  let index = -1;
  routes.forEach((r, i) => {
    const s = bestRuleMatch(r.rules, method, path);
    if (s && (!best || compare(s, best) > 0)) {
      best = s;
      index = i;
    }
  });
  return index;
}
