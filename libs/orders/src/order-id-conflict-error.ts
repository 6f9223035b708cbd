import { PermanentError } from '@conveyor/contracts';

/** The order id is already taken by another tenant's order: the caller must pick another id. */
export class OrderIdConflictError extends PermanentError {
  constructor(orderId: string) {
    super('ORDER_ID_CONFLICT', `order id ${orderId} is already in use`);
  }
}
