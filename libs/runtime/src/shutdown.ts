// Runs `stop` once on SIGINT/SIGTERM, then exits 0 (or 1 when stopping failed). A second signal
// while stopping does not start a second stop.
import type { Logger } from 'pino';

export function stopOnSignals(logger: Logger, stop: () => Promise<void>): void {
  let stopping: Promise<void> | undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping !== undefined) return;
      logger.info({ signal }, 'stopping: finishing in-flight work');
      stopping = stop();
      stopping.then(
        () => {
          logger.info('stopped');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'unclean stop');
          process.exit(1);
        },
      );
    });
  }
}
