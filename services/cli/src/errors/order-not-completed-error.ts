import { PermanentError } from '@conveyor/contracts';

/** `orders watch` saw the order end other than completed (compensated or failed): exit code 1. */
export class OrderNotCompletedError extends PermanentError {
  readonly orderId: string;
  readonly status: string;

  constructor(orderId: string, status: string) {
    super('ORDER_NOT_COMPLETED', `order ${orderId} ended ${status}`);
    this.orderId = orderId;
    this.status = status;
  }
}
