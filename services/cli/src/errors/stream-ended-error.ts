import { RetryableError } from '@conveyor/contracts';
import { CliErrorCode } from './cli-error-codes.ts';

/** The gateway closed an order's event stream before the order reached a terminal status. */
export class StreamEndedError extends RetryableError {
  constructor(orderId: string) {
    super(CliErrorCode.streamEnded, `the event stream of order ${orderId} ended before the order finished`);
  }
}
