// After the peer accepted a notification, its sent mark is the only thing between it and a resend: a
// mark lost to a database hiccup fails the handler, and the retry sends again. So the mark is tried
// again (each try bounded, since a driver write on a connection the server just closed can wait for
// ever) until it lands or the handler's deadline ends the delivery.
import { setTimeout as sleep } from 'node:timers/promises';
import { RetryableError, isRetryable } from '@conveyor/contracts';
import type { Logger } from 'pino';
import { NotifierErrorCode } from '../notifier-error-codes.ts';
import type { NotificationClaim, NotificationLedger } from './notification-ledger.ts';

const tryTimeoutMs = 1_000;
const firstPauseMs = 50;
const longestPauseMs = 1_000;

export async function markSentUntilRecorded(
  ledger: NotificationLedger,
  claim: NotificationClaim,
  detail: string,
  signal: AbortSignal,
  logger: Logger,
): Promise<void> {
  for (let pauseMs = firstPauseMs; ; pauseMs = Math.min(pauseMs * 2, longestPauseMs)) {
    try {
      await boundedTry(ledger.markSent(claim, detail));
      return;
    } catch (error) {
      if (!isRetryable(error) || signal.aborted) throw error;
      logger.warn(
        { err: error, notificationId: claim.id, retryInMs: pauseMs },
        'could not record a sent notification; trying again so that it is not sent twice',
      );
      await sleep(pauseMs, undefined, { signal }).catch(() => undefined);
    }
  }
}

/** The try's outcome, or a rejection once tryTimeoutMs passed (the try is abandoned, not awaited). */
async function boundedTry(attempt: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new RetryableError(
            NotifierErrorCode.sentMarkTimeout,
            `the sent mark got no answer within ${String(tryTimeoutMs)} ms`,
          ),
        ),
      tryTimeoutMs,
    );
  });
  try {
    await Promise.race([attempt, expired]);
  } finally {
    clearTimeout(timer);
  }
}
