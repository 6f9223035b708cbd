import { PermanentError } from '@conveyor/contracts';

/**
 * A workflow message names an order this tenant does not have. Order messages are published only after
 * the order's write was acknowledged (majority), so waiting will not make it appear.
 */
export class OrderNotFoundError extends PermanentError {
  constructor(tenantId: string, orderId: string) {
    super('ORDER_NOT_FOUND', `tenant ${tenantId} has no order ${orderId}`);
  }
}
