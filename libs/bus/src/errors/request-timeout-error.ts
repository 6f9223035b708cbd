import { RetryableError } from '@conveyor/contracts';

/** No reply to a request within its timeout; direct reply-to is at-most-once, so the caller decides. */
export class RequestTimeoutError extends RetryableError {
  constructor(type: string, timeoutMs: number) {
    super('BUS_REQUEST_TIMEOUT', `no reply to ${type} within ${timeoutMs} ms`);
  }
}
