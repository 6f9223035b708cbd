import { PermanentError } from '@conveyor/contracts';
import { OrdersErrorCode } from '../orders-error-codes.ts';

/** The order id is already taken by another tenant's order: the caller must pick another id. */
export class OrderIdConflictError extends PermanentError {
  constructor(orderId: string) {
    super(OrdersErrorCode.orderIdConflict, `order id ${orderId} is already in use`);
  }
}
