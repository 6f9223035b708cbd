import { RetryableError } from '@conveyor/contracts';
import { BusErrorCode } from './bus-error-codes.ts';

/** No broker confirm arrived in time (e.g. the connection is down): the message may or may not be stored. */
export class PublishTimeoutError extends RetryableError {
  constructor(messageId: string, timeoutMs: number) {
    super(BusErrorCode.publishTimeout, `publish of ${messageId} was not confirmed within ${timeoutMs} ms`);
  }
}
