// How a service process ends, as its exit code says (sysexits.h where one fits). README.md lists them;
// an orchestrator's restart policy and an operator read them, so they never change meaning.
import { ConfigError } from '@conveyor/config';
import { ConveyorError } from '@conveyor/contracts';

export const ExitCode = {
  /** Stopped on SIGTERM/SIGINT, everything closed. */
  stopped: 0,
  /** Stopping failed, or did not end within SHUTDOWN_TIMEOUT_MS and the hand-back time after it. */
  uncleanStop: 1,
  /** EX_UNAVAILABLE: a server it needs (broker, database, NATS) did not answer; a restart may work. */
  unavailable: 69,
  /** EX_SOFTWARE: an error nobody caught (an uncaught exception or an unhandled rejection). */
  software: 70,
  /** EX_CONFIG: an environment variable is wrong; a restart changes nothing. */
  config: 78,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * The exit code of a fatal error: a wrong environment is a config error; a typed retryable failure
 * (a dependency that did not answer: DEPENDENCY_UNAVAILABLE, STORE_UNREACHABLE, EVENTS_UNAVAILABLE…)
 * is unavailable; anything else is a software error.
 */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof ConfigError) return ExitCode.config;
  if (error instanceof ConveyorError && error.retryable) return ExitCode.unavailable;
  return ExitCode.software;
}
