// An order's forward path in one delivery of order.placed.v1: each step calls its provider with the
// step's idempotency key, records its result and its message in one fenced write, publishes that
// message, and hands the order the write returned to the next step, so no step reads the order again
// or waits for a delivery of its own. A redelivery resumes at the first step not done, re-emitting the
// messages of the steps it finds done (an unacked delivery is the outbox of the writes it made). A
// step that fails for good, or on the delivery's last attempt, starts compensation instead. A step's
// write leaves the order document to the next step's (one update per order, not per step); a delivery
// that fails before that write brings the document forward itself.
import type { InboundMessage } from '@conveyor/bus';
import { completeOrder, orderMessageIds, type OrderDocument } from '@conveyor/orders';
import { deliveryWriteOptions } from './delivery-write-options.ts';
import { emitOutcome, reemit } from './emit-outcome.ts';
import { bringDocumentForward } from './bring-document-forward.ts';
import { loadOrder } from './load-order.ts';
import { runForwardStep, type ForwardStep, type OrderMessageBody } from './run-forward-step.ts';
import type { WorkflowContext } from './workflow-context.ts';

export async function runForwardPath(
  context: WorkflowContext,
  steps: readonly ForwardStep[],
  message: InboundMessage<OrderMessageBody>,
): Promise<void> {
  const { orderId } = message.body;
  let order = await loadOrder(context, message);
  // Completed before this delivery (a redelivery): its last write may not have been published yet.
  const completedBefore = order.status === 'completed';
  try {
    for (const step of steps) {
      const next = await runForwardStep(context, step, order, message);
      if (next === undefined) return;
      order = next;
    }
  } catch (error) {
    await bringDocumentForward(context, order);
    throw error;
  }
  if (completedBefore) await reemit(context, order, orderMessageIds.completed(orderId), message.signal);
  else if (order.status === 'in_progress') await completeShippedOrder(context, order, message);
}

/** An order whose last step an earlier version recorded without completing it (it wrote them apart). */
async function completeShippedOrder(
  context: WorkflowContext,
  order: OrderDocument,
  message: InboundMessage<OrderMessageBody>,
): Promise<void> {
  const { tenantId, orderId } = message.body;
  const outcome = await completeOrder(context.store, order, deliveryWriteOptions(context, message));
  await emitOutcome(
    context,
    outcome,
    { tenantId, orderId, messageId: orderMessageIds.completed(orderId) },
    message.signal,
  );
}
