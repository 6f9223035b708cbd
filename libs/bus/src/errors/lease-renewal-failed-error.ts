import { RetryableError } from '@conveyor/contracts';
import { BusErrorCode } from './bus-error-codes.ts';

/**
 * The inbox lease could not be renewed (the database did not answer): the holder can no longer know it
 * still holds the claim, so it stops writing, and the message goes through a delay tier.
 */
export class LeaseRenewalFailedError extends RetryableError {
  constructor(messageId: string, cause: unknown) {
    super(
      BusErrorCode.inboxLeaseRenewalFailed,
      `the inbox lease of ${messageId} could not be renewed; this holder stopped`,
      { cause },
    );
  }
}
