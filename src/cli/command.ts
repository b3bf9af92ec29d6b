import { parseArgs } from 'node:util';
import { MeshawareError } from '../core/errors';
import type { CliIo } from './io';

/** A mistake in how the command was called: exit code 2 and the command's usage. */
export class UsageError extends MeshawareError {
  constructor(message: string) {
    super('usage', message);
  }
}

/** One CLI sub-command. Each lives in its own file under `commands/` and is made by defineCommand. */
export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** A command's options, as `node:util` parseArgs takes them (`short` is a one-letter alias). */
export type Options = Readonly<Record<string, { readonly type: 'boolean' | 'string'; readonly short?: string }>>;

/** The parsed command line: the flags given (booleans as `true`) and the positional arguments. */
export interface ParsedArgs {
  readonly flags: ReadonlyMap<string, string | true>;
  readonly positional: readonly string[];
}

interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: Options;
  /** Whether the command takes positional arguments; without, any is a usage error. */
  readonly positionals?: boolean;
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/**
 * Makes a command whose command line is parsed strictly by `node:util` parseArgs: `-h`/`--help` prints its usage,
 * and an unknown option, a missing or unexpected option value, or a stray argument is a UsageError (exit 2), so
 * typos never pass silently in CI.
 */
export function defineCommand(spec: CommandSpec): CliCommand {
  return {
    name: spec.name,
    summary: spec.summary,
    usage: spec.usage,
    async run(args, io) {
      const parsed = parseCommandLine(args, spec.options);
      if (parsed.flags.has('help')) {
        io.stdout.write(`${spec.usage}\n`);
        return 0;
      }
      if (!spec.positionals && parsed.positional.length) throw new UsageError(`unexpected argument '${parsed.positional[0]}'`);
      return spec.run(parsed, io);
    },
  };
}

function parseCommandLine(args: string[], options: Options): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: true });
    const flags = new Map<string, string | true>();
    for (const [name, value] of Object.entries(values)) if (typeof value === 'string' || value === true) flags.set(name, value);
    return { flags, positional: positionals };
  } catch (e) {
    throw usageErrorOf(e);
  }
}

/** parseArgs's errors in the CLI's own words (its messages also advise on `--`, which is noise here). */
function usageErrorOf(e: unknown): unknown {
  const code = (e as { code?: string }).code ?? '';
  if (!code.startsWith('ERR_PARSE_ARGS')) return e;
  const message = (e as Error).message;
  const option = /'(-[^' ,]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`unknown option '${option}'`);
  if (/does not take an argument/.test(message)) return new UsageError(`option '${option}' takes no value`);
  if (/argument missing|ambiguous/.test(message)) return new UsageError(`option '${option}' needs a value`);
  return new UsageError(message.split('.')[0]);
}
