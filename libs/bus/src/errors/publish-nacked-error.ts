import { RetryableError } from '@conveyor/contracts';

/** The broker refused to take responsibility for the message (e.g. a full quorum queue with reject-publish). */
export class PublishNackedError extends RetryableError {
  constructor(messageId: string) {
    super('BUS_PUBLISH_NACKED', `the broker nacked ${messageId}`);
  }
}
