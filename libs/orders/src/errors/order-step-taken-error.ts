import { RetryableError } from '@conveyor/contracts';
import { OrdersErrorCode } from '../orders-error-codes.ts';

/**
 * Another writer recorded this write of the order first (it won the insert of the step record): this
 * writer's change was not applied and it must stop. Retryable: a delivery that is still live comes back
 * through a delay tier, finds the step recorded and re-emits its stored message.
 */
export class OrderStepTakenError extends RetryableError {
  constructor(orderId: string, revision: number) {
    super(
      OrdersErrorCode.orderStepTaken,
      `write ${revision} of order ${orderId} was recorded by another writer; this one was not applied`,
    );
  }
}
