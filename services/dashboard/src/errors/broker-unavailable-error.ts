import { RetryableError } from '@conveyor/contracts';

/** The broker connection is down (it comes back by itself): the page cannot be read now, a 503. */
export class BrokerUnavailableError extends RetryableError {
  constructor() {
    super('BROKER_UNAVAILABLE', 'RabbitMQ is not connected right now; the dashboard reconnects by itself');
  }
}
