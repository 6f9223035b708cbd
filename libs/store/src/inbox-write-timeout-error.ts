// An inbox write that got no answer within its deadline. The driver (mongodb 7.9) can wait for ever on
// an operation written to a socket the server had just closed (its timeoutMS is deprecated and has no
// effect, and no socket timeout fires on a destroyed socket); the caller tries again on a new connection.
import { RetryableError } from '@conveyor/contracts';
import { StoreErrorCode } from './store-error-codes.ts';

export class InboxWriteTimeoutError extends RetryableError {
  constructor(what: string, timeoutMs: number) {
    super(StoreErrorCode.inboxWriteTimeout, `inbox ${what} got no answer within ${String(timeoutMs)} ms`);
  }
}

/** `write`'s outcome, or an InboxWriteTimeoutError once `timeoutMs` passed (the write is abandoned). */
export async function withinDeadline<T>(what: string, timeoutMs: number, write: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InboxWriteTimeoutError(what, timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([write, expired]);
  } finally {
    clearTimeout(timer);
  }
}
