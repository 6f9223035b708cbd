import { RetryableError } from '@conveyor/contracts';
import { BusErrorCode } from './bus-error-codes.ts';

/** The broker refused to take responsibility for the message (e.g. a full quorum queue with reject-publish). */
export class PublishNackedError extends RetryableError {
  constructor(messageId: string) {
    super(BusErrorCode.publishNacked, `the broker nacked ${messageId}`);
  }
}
