import { RetryableError } from '@conveyor/contracts';
import { EventsErrorCode } from '../events-error-codes.ts';

/** NATS could not be reached (first connection, or a JetStream request that got no answer). */
export class EventsUnavailableError extends RetryableError {
  constructor(message: string, options?: ErrorOptions) {
    super(EventsErrorCode.eventsUnavailable, message, options);
  }
}
