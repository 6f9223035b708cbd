// Inbox writes that a database outage must not turn into broker redeliveries: the delivery is held
// (unacked, so neither a quorum queue's delivery count nor the claim's crash count moves) while the
// write is tried again with backoff, and the host knows the database is unreachable meanwhile.
import { isRetryable } from '@conveyor/contracts';
import type { Logger } from 'pino';

export interface InboxRetryOptions {
  logger: Logger;
  /** First pause after a failed write; doubles up to `maxDelayMs`, with jitter. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Once true, a failing write is given up (the delivery goes back to the broker) so stop() ends. */
  stopping: () => boolean;
}

/** Whether the inbox answered lately; read by the host for /readyz and metrics. */
export class InboxAvailability {
  #unreachableSince: Date | undefined;
  #failures = 0;

  /** When inbox writes started failing, while they still fail; undefined when the last one worked. */
  get unreachableSince(): Date | undefined {
    return this.#unreachableSince;
  }

  /** Why deliveries are held, for /readyz and logs; undefined while the inbox answers. */
  get reason(): string | undefined {
    const since = this.#unreachableSince;
    return since === undefined
      ? undefined
      : `the inbox database has not answered since ${since.toISOString()}; deliveries are held, not requeued`;
  }

  /** Failed inbox writes that were tried again, since the host started. */
  get failures(): number {
    return this.#failures;
  }

  succeeded(): void {
    this.#unreachableSince = undefined;
  }

  failed(): void {
    this.#failures += 1;
    this.#unreachableSince ??= new Date();
  }
}

/**
 * Runs `write` until it resolves. A `PermanentError` (the write can never succeed) is thrown at once;
 * any other failure (network, server selection, timeouts) is retried while the host runs.
 */
export async function retryInboxWrite<T>(
  what: string,
  write: () => Promise<T>,
  availability: InboxAvailability,
  options: InboxRetryOptions,
): Promise<T> {
  let delayMs = options.initialDelayMs;
  for (;;) {
    try {
      const result = await write();
      availability.succeeded();
      return result;
    } catch (error) {
      if (!isRetryable(error)) throw error;
      availability.failed();
      if (options.stopping()) throw error;
      options.logger.warn(
        { err: error, retryInMs: delayMs },
        `inbox ${what} failed; holding the delivery and trying again`,
      );
      await new Promise((resolve) => setTimeout(resolve, delayMs * (0.5 + Math.random() / 2)));
      delayMs = Math.min(delayMs * 2, options.maxDelayMs);
    }
  }
}
