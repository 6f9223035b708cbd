import { RetryableError } from '@conveyor/contracts';

/** The gateway closed an order's event stream before the order reached a terminal status. */
export class StreamEndedError extends RetryableError {
  constructor(orderId: string) {
    super('STREAM_ENDED', `the event stream of order ${orderId} ended before the order finished`);
  }
}
