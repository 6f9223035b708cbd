import { RetryableError } from '@conveyor/contracts';

/** NATS could not be reached (first connection, or a JetStream request that got no answer). */
export class EventsUnavailableError extends RetryableError {
  constructor(message: string, options?: ErrorOptions) {
    super('EVENTS_UNAVAILABLE', message, options);
  }
}
