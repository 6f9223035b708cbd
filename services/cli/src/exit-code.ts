// The CLI's exit codes are part of its interface (scripts branch on them), and so is which error
// ends in which code.
import { ConfigError } from '@conveyor/config';
import { NotFoundError } from './errors/not-found-error.ts';
import { UsageError } from './errors/usage-error.ts';

export const ExitCode = {
  ok: 0,
  /** The command ran and failed: invalid message, server unreachable, gateway refused, ... */
  failure: 1,
  /** The command line (or the environment) is wrong: unknown command or option, missing argument. */
  usage: 2,
  /** What the command names does not exist: an order, a dead letter, a schedule. */
  notFound: 3,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof UsageError || error instanceof ConfigError) return ExitCode.usage;
  if (error instanceof NotFoundError) return ExitCode.notFound;
  return ExitCode.failure;
}
