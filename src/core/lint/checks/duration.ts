/** Durations in the formats Linkerd parses, converted to milliseconds (undefined when unparsable). */

const GO_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go `time.ParseDuration` string: an optional sign, then number+unit pairs (`1h30m`, `1.5s`, `-2s`, `0`). */
export function parseGoDuration(text: string): { ms: number } | { error: string } {
  const m = /^([-+]?)(.*)$/.exec(text.trim())!;
  const body = m[2];
  if (body === '0') return { ms: 0 };
  if (body === '') return { error: 'empty duration' };
  if (/^\d+(\.\d+)?$/.test(body)) return { error: `missing a unit: write e.g. '${body}s' or '${body}ms'` };
  let total = 0;
  let rest = body;
  while (rest) {
    const part = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!part) return { error: `'${text}' is not a duration (use units ns, us, ms, s, m or h, e.g. 1m30s)` };
    total += Number(part[1]) * GO_UNITS[part[2]];
    rest = rest.slice(part[0].length);
  }
  return { ms: m[1] === '-' ? -total : total };
}

const ROUTE_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A route annotation duration: whole number plus one of ms, s, m, h, d; bare 0 allowed. */
export function routeDurationProblem(text: string): string | undefined {
  if (text === '0') return undefined;
  if (/^-/.test(text)) return 'negative durations are not allowed';
  if (/^\d+\.\d+/.test(text)) return 'fractional values are not supported';
  if (/^\d+$/.test(text)) return `missing duration unit; did you mean '${text}s' or '${text}ms'?`;
  const m = /^(\d+)([a-z]+)$/.exec(text);
  if (!m) return `'${text}' is not a duration (a whole number followed by ms, s, m, h or d)`;
  return m[2] in ROUTE_UNITS ? undefined : `invalid duration unit '${m[2]}' (use ms, s, m, h or d)`;
}
