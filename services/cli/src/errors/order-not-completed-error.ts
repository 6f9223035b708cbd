import { PermanentError } from '@conveyor/contracts';
import { CliErrorCode } from './cli-error-codes.ts';

/** `orders watch` saw the order end other than completed (compensated or failed): exit code 1. */
export class OrderNotCompletedError extends PermanentError {
  readonly orderId: string;
  readonly status: string;

  constructor(orderId: string, status: string) {
    super(CliErrorCode.orderNotCompleted, `order ${orderId} ended ${status}`);
    this.orderId = orderId;
    this.status = status;
  }
}
