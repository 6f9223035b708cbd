import { RetryableError } from '@conveyor/contracts';
import { BusErrorCode } from './bus-error-codes.ts';

/**
 * More publishes wait for a channel, a drain or an unblocked broker than the publisher holds: the new
 * one is refused at once rather than queued without bound. Retrying later, when the backlog drains, helps.
 */
export class PublishBacklogFullError extends RetryableError {
  readonly limit: number;

  constructor(limit: number) {
    super(
      BusErrorCode.publishBacklogFull,
      `${limit} publishes are already waiting to be sent; try again later`,
    );
    this.limit = limit;
  }
}
