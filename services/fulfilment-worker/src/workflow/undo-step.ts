// The compensating action of each forward step, addressed by the step's own idempotency key, so it
// undoes whatever that call did (or makes sure it never will) and is itself idempotent per undo key.
import type { OrderStep } from '@conveyor/contracts';
import { stepIdempotencyKey, undoIdempotencyKey, type OrderDocument } from '@conveyor/orders';
import type { WorkflowContext } from './workflow-context.ts';

/** True when the step had taken effect and is now undone. */
export async function undoStep(
  { providers }: WorkflowContext,
  order: OrderDocument,
  step: OrderStep,
  signal: AbortSignal,
): Promise<boolean> {
  const common = {
    idempotencyKey: undoIdempotencyKey(order._id, step),
    tenantId: order.tenantId,
    orderId: order._id,
    signal,
  };
  const stepKey = stepIdempotencyKey(order._id, step);
  switch (step) {
    case 'reserve':
      return (await providers.inventory.release({ ...common, reservationKey: stepKey })).released;
    case 'payment':
      return (await providers.payment.refund({ ...common, captureKey: stepKey })).refunded;
    case 'shipping':
      return (await providers.shipping.cancel({ ...common, shipmentKey: stepKey })).cancelled;
  }
}
