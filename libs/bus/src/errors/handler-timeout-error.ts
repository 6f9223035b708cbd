import { RetryableError } from '@conveyor/contracts';

/** The handler ran past its deadline; it is aborted and the message goes through a delay tier. */
export class HandlerTimeoutError extends RetryableError {
  constructor(timeoutMs: number) {
    super('HANDLER_TIMEOUT', `the handler did not finish within ${timeoutMs} ms`);
  }
}
