/** Durations in the formats Linkerd parses, converted to milliseconds (undefined when unparsable). */

const GO_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go `time.ParseDuration` string: an optional sign, then number+unit pairs (`1h30m`, `1.5s`, `-2s`, `0`). */
export function parseGoDuration(text: string): { ms: number } | { error: string } {
  const m = /^([-+]?)(.*)$/.exec(text)!;
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

/** Rust's `str::parse` for an unsigned integer: ASCII digits with an optional leading '+'. */
export function rustUnsigned(text: string): number | undefined {
  return /^\+?[0-9]+$/.test(text) ? Number(text.slice(text.startsWith('+') ? 1 : 0)) : undefined;
}

/**
 * A route annotation duration as `parse_duration` in policy-controller/k8s/index/src/outbound/index.rs reads
 * it: trimmed, the number is everything up to the last digit (a whole u64), the rest one of ms, s, m, h or d;
 * a bare 0 needs no unit.
 */
export function routeDurationProblem(raw: string): string | undefined {
  const text = raw.trim();
  if (text.startsWith('-')) return 'negative durations are not allowed';
  const last = text.search(/[0-9][^0-9]*$/);
  if (last < 0) return `'${text}' holds no number (write a whole number followed by ms, s, m, h or d)`;
  const [magnitude, unit] = [text.slice(0, last + 1), text.slice(last + 1)];
  if (magnitude.includes('.')) return 'fractional values are not supported';
  const n = rustUnsigned(magnitude);
  if (n === undefined) return `'${text}' is not a duration (a whole number followed by one unit: ms, s, m, h or d; 1m30s must be written 90s)`;
  if (unit === '') return n === 0 ? undefined : `missing duration unit; did you mean '${magnitude}s' or '${magnitude}ms'?`;
  if (!(unit in ROUTE_UNITS)) return `invalid duration unit '${unit}' (use ms, s, m, h or d)`;
  return n * ROUTE_UNITS[unit] > 2 ** 64 - 1 ? 'the duration overflows' : undefined;
}
