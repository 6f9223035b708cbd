import { RetryableError } from '@conveyor/contracts';
import { BusErrorCode } from './bus-error-codes.ts';

/** No reply to a request within its timeout; direct reply-to is at-most-once, so the caller decides. */
export class RequestTimeoutError extends RetryableError {
  constructor(type: string, timeoutMs: number) {
    super(BusErrorCode.requestTimeout, `no reply to ${type} within ${timeoutMs} ms`);
  }
}
