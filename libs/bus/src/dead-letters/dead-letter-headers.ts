// The headers a dead letter carries into `<queue>.dlq`: what the dead-letter archiver stores and an
// operator reads (reason, error, attempts, queue, time).
import { Header } from '../envelope/headers.ts';
import type { DeadLetter } from './poison-verdicts.ts';

/** Error texts are cut to this length so that a huge message cannot bloat the letter's headers. */
const maxErrorLength = 2_000;

export function deadLetterHeaders(
  letter: DeadLetter,
  attempt: number,
  queue: string,
  at: Date = new Date(),
): Record<string, unknown> {
  return {
    [Header.deadLetterReason]: letter.reason,
    [Header.deadLetterError]: letter.error.slice(0, maxErrorLength),
    [Header.deadLetterAttempts]: attempt,
    [Header.deadLetterQueue]: queue,
    [Header.deadLetterAt]: at.toISOString(),
  };
}
