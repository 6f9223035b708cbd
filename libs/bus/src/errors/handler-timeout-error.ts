import { RetryableError } from '@conveyor/contracts';
import { BusErrorCode } from './bus-error-codes.ts';

/** The handler ran past its deadline; it is aborted and the message goes through a delay tier. */
export class HandlerTimeoutError extends RetryableError {
  constructor(timeoutMs: number) {
    super(BusErrorCode.handlerTimeout, `the handler did not finish within ${timeoutMs} ms`);
  }
}
