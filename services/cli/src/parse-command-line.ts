// node:util parseArgs for one command, with the options every command takes (--json; --help is handled
// before a command runs) and its failures turned into UsageError (exit code 2) naming the command.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { UsageError } from './errors/usage-error.ts';

const commonOptions = { json: { type: 'boolean' } } as const satisfies ParseArgsOptionsConfig;

export function parseCommandLine<const O extends ParseArgsOptionsConfig>(
  command: string,
  args: readonly string[],
  options: O,
) {
  try {
    return parseArgs({ args: [...args], options: { ...commonOptions, ...options }, allowPositionals: true });
  } catch (error) {
    if (isParseArgsError(error)) throw new UsageError(error.message, command);
    throw error;
  }
}

/** Exactly the positional arguments the command takes, named in the error when they are not given. */
export function expectPositionals(
  command: string,
  positionals: readonly string[],
  names: readonly string[],
): string[] {
  if (positionals.length < names.length) {
    throw new UsageError(`missing ${names.slice(positionals.length).join(' ')}`, command);
  }
  if (positionals.length > names.length) {
    throw new UsageError(`unexpected argument '${String(positionals[names.length])}'`, command);
  }
  return [...positionals];
}

export function integerOption(
  command: string,
  option: string,
  raw: string | undefined,
  range: { min: number; max: number },
): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new UsageError(
      `--${option} must be a whole number from ${range.min} to ${range.max}, not '${raw}'`,
      command,
    );
  }
  return value;
}

function isParseArgsError(error: unknown): error is Error & { code: string } {
  return (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('ERR_PARSE_ARGS_')
  );
}
