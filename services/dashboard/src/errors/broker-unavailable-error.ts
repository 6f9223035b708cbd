import { RetryableError } from '@conveyor/contracts';
import { DashboardErrorCode } from './dashboard-error-codes.ts';

/** The broker connection is down (it comes back by itself): the page cannot be read now, a 503. */
export class BrokerUnavailableError extends RetryableError {
  constructor() {
    super(
      DashboardErrorCode.brokerUnavailable,
      'RabbitMQ is not connected right now; the dashboard reconnects by itself',
    );
  }
}
