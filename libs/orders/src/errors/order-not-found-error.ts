import { RetryableError } from '@conveyor/contracts';
import { OrdersErrorCode } from '../orders-error-codes.ts';

/**
 * A message names an order this tenant does not have. Retryable, for every worker that reads orders:
 * the order's write may not be visible to this reader yet (read-after-write lag on a replica set), and
 * a message whose order never appears still ends in `<queue>.dlq` after the queue's attempt limit.
 */
export class OrderNotFoundError extends RetryableError {
  constructor(tenantId: string, orderId: string) {
    super(OrdersErrorCode.orderNotFound, `tenant ${tenantId} has no order ${orderId}`);
  }
}
