import { UsageError } from './usage';

/** Parsed command-line: flags by name (boolean or string) and the positional arguments. */
export interface ParsedArgs {
  readonly flags: Map<string, string | true>;
  readonly positional: string[];
}

/**
 * A small, strict argument parser: `spec` names each flag and whether it takes a value; short aliases map
 * to long names. Unknown flags are usage errors, so typos never pass silently in CI.
 */
export function parseArgs(args: string[], spec: Record<string, 'boolean' | 'string'>, aliases: Record<string, string> = {}): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (a === '-' || !a.startsWith('-')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const raw = eq > 0 ? a.slice(0, eq) : a;
    const name = aliases[raw] ?? raw.replace(/^--?/, '');
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option '${raw}'`);
    if (kind === 'boolean') {
      if (eq > 0) throw new UsageError(`option '${raw}' takes no value`);
      flags.set(name, true);
    } else {
      const value = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined) throw new UsageError(`option '${raw}' needs a value`);
      flags.set(name, value);
    }
  }
  return { flags, positional };
}
