// Runs a task repeatedly with a fixed pause between runs (never two at once) until stopped.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';

export interface TickLoop {
  /** Stops after the run in progress, if any. Idempotent. */
  stop(): Promise<void>;
}

export interface TickLoopOptions {
  readonly everyMs: number;
  readonly run: () => Promise<void>;
  readonly logger: Logger;
  /** Names the task in error logs. */
  readonly what: string;
  /** Wait one period before the first run instead of running at once. */
  readonly firstRunAfterPeriod?: boolean;
}

export function startTickLoop(options: TickLoopOptions): TickLoop {
  const abort = new AbortController();
  async function pause(): Promise<void> {
    try {
      await sleep(options.everyMs, undefined, { signal: abort.signal });
    } catch {
      // Aborted by stop(): the loop condition ends it.
    }
  }
  async function loop(): Promise<void> {
    if (options.firstRunAfterPeriod === true) await pause();
    while (!abort.signal.aborted) {
      try {
        await options.run();
      } catch (error) {
        options.logger.error({ err: error }, `${options.what} failed; retried on the next tick`);
      }
      await pause();
    }
  }
  const running = loop();
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      if (stopping === undefined) {
        abort.abort();
        stopping = running;
      }
      return stopping;
    },
  };
}
