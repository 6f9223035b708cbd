// An error nobody caught ends the process as one JSON log line (the service's logger, so its redaction
// applies) and an exit code that says what went wrong (exit-codes.ts), never as a raw stack trace. A
// start-up failure in main.ts is one too: a rejected top-level await reaches 'uncaughtException'.
import { errorMessage } from '@conveyor/contracts';
import type { Logger } from 'pino';
import { exitCodeOf } from './exit-codes.ts';

/** Installed once per process, by openServiceRuntime as soon as the logger exists. */
export function exitOnFatalErrors(logger: Logger): void {
  const fatal = (error: unknown, origin: string) => {
    const exitCode = exitCodeOf(error);
    logger.fatal({ err: error, origin, exitCode }, `exiting (${exitCode}): ${errorMessage(error)}`);
    process.exit(exitCode);
  };
  process.on('uncaughtException', (error, origin) => fatal(error, origin));
  process.on('unhandledRejection', (reason) => fatal(reason, 'unhandledRejection'));
}
