// Runs `stop` once on SIGINT/SIGTERM, then exits 0 (1 when stopping failed). A second signal while
// stopping does not start a second stop. Stopping has a budget (SHUTDOWN_TIMEOUT_MS): consumer hosts
// given the same budget (openServiceRuntime does) abort the handlers still running when it runs out
// and hand their deliveries back; a stop still not over `handBackMs` later exits 1 regardless.
import type { Logger } from 'pino';
import { ExitCode } from './exit-codes.ts';

export interface StopBudget {
  /** SHUTDOWN_TIMEOUT_MS: how long work in flight may take to finish once a signal came. */
  timeoutMs: number;
  /** After the budget, time for handing deliveries back (claim release, nack) and closing; 3000 ms. */
  handBackMs?: number;
}

/**
 * The default `handBackMs`: with the default budget (25 s) the process is gone within Kubernetes'
 * default grace period (30 s). A pod's grace period must exceed budget + this.
 */
export const stopHandBackMs = 3_000;

export function stopOnSignals(logger: Logger, budget: StopBudget, stop: () => Promise<void>): void {
  let stopping: Promise<void> | undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping !== undefined) return;
      logger.info({ signal, shutdownTimeoutMs: budget.timeoutMs }, 'stopping: finishing in-flight work');
      const limitMs = budget.timeoutMs + (budget.handBackMs ?? stopHandBackMs);
      setTimeout(() => {
        logger.error(
          { shutdownTimeoutMs: budget.timeoutMs, exitCode: ExitCode.uncleanStop },
          `stop did not end within ${limitMs} ms; exiting with work unfinished`,
        );
        process.exit(ExitCode.uncleanStop);
      }, limitMs);
      stopping = stop();
      stopping.then(
        () => {
          logger.info('stopped');
          process.exit(ExitCode.stopped);
        },
        (error: unknown) => {
          logger.error({ err: error, exitCode: ExitCode.uncleanStop }, 'unclean stop');
          process.exit(ExitCode.uncleanStop);
        },
      );
    });
  }
}
