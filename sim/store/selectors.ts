import { isObject, type KubeObject } from './types';

type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!exists' };

export type Matcher = (object: KubeObject) => boolean;

export class SelectorError extends Error {}

/** Parses a label selector in the API's query syntax (`a=b,c!=d,e in (f,g),!h`). */
export function parseLabelSelector(text: string | undefined): Matcher {
  const requirements = splitTopLevel(text ?? '').map(parseRequirement);
  return (object) => requirements.every((r) => matches(r, object.metadata.labels ?? {}));
}

/** Matches a `matchLabels`/`matchExpressions` selector from an object's spec. */
export function labelSelectorMatcher(selector: unknown): Matcher {
  if (!isObject(selector)) return () => false;
  const requirements: Requirement[] = [];
  for (const [key, value] of Object.entries((selector.matchLabels as Record<string, string>) ?? {})) {
    requirements.push({ key, op: 'in', values: [value] });
  }
  for (const e of (selector.matchExpressions as { key: string; operator: string; values?: string[] }[]) ?? []) {
    const op = ({ In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!exists' } as const)[e.operator as 'In'];
    requirements.push(op === 'in' || op === 'notin' ? { key: e.key, op, values: e.values ?? [] } : { key: e.key, op });
  }
  return (object) => requirements.every((r) => matches(r, object.metadata.labels ?? {}));
}

/** Parses a field selector (`metadata.name=x,status.phase!=Running`) over dotted paths of the object. */
export function parseFieldSelector(text: string | undefined): Matcher {
  const terms = splitTopLevel(text ?? '').map((term) => {
    const m = /^([\w.-]+)\s*(==|!=|=)\s*(.*)$/.exec(term);
    if (!m) throw new SelectorError(`invalid field selector: "${term}"`);
    return { path: m[1].split('.'), negate: m[2] === '!=', value: m[3] };
  });
  return (object) =>
    terms.every((term) => {
      let current: unknown = object;
      for (const part of term.path) current = isObject(current) ? current[part] : undefined;
      const actual = current == null ? '' : String(current);
      return (actual === term.value) !== term.negate;
    });
}

function matches(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  switch (r.op) {
    case 'exists':
      return has;
    case '!exists':
      return !has;
    case 'in':
      return has && r.values.includes(labels[r.key]);
    case 'notin':
      return !has || !r.values.includes(labels[r.key]);
  }
}

function parseRequirement(term: string): Requirement {
  let m = /^!\s*([\w./-]+)$/.exec(term);
  if (m) return { key: m[1], op: '!exists' };
  m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
  if (m) return { key: m[1], op: m[2] as 'in' | 'notin', values: m[3].split(',').map((v) => v.trim()).filter(Boolean) };
  m = /^([\w./-]+)\s*(==|!=|=)\s*([\w.-]*)$/.exec(term);
  if (m) return { key: m[1], op: m[2] === '!=' ? 'notin' : 'in', values: [m[3]] };
  m = /^([\w./-]+)$/.exec(term);
  if (m) return { key: m[1], op: 'exists' };
  throw new SelectorError(`unable to parse requirement: "${term}"`);
}

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}
