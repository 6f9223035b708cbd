// A forward path that stops early (a failure, a lost lease) leaves no step record unapplied: the order
// document would otherwise show the order behind what its steps did until someone catches it up.
import { applyDeferredWrites, type OrderDocument } from '@conveyor/orders';
import type { WorkflowContext } from './workflow-context.ts';

/** Never throws: the delivery's own failure is what its caller reports; the next reader catches up. */
export async function bringDocumentForward(context: WorkflowContext, order: OrderDocument): Promise<void> {
  try {
    await applyDeferredWrites(context.store, order);
  } catch (error) {
    context.logger.warn(
      { err: error, orderId: order._id },
      'could not bring the order document up to its step records; its next delivery catches it up',
    );
  }
}
