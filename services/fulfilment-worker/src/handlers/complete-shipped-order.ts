// order.shipped.v1 → the order is completed → order.completed.v1 (the notifier tells the customer).
import type { InboundMessage } from '@conveyor/bus';
import type { BodyOf, orderShipped } from '@conveyor/contracts';
import { completeOrder, orderMessageIds } from '@conveyor/orders';
import { emitOutcome, reemit } from '../workflow/emit-outcome.ts';
import { loadOrder } from '../workflow/load-order.ts';
import type { WorkflowContext } from '../workflow/workflow-context.ts';

export function completeShippedOrder(context: WorkflowContext) {
  return async (message: InboundMessage<BodyOf<typeof orderShipped>>): Promise<void> => {
    const { tenantId, orderId } = message.body;
    const order = await loadOrder(context, tenantId, orderId);
    if (order.status !== 'in_progress' || order.steps.shipping.state !== 'done') {
      await reemit(context, order, orderMessageIds.completed(orderId), message.signal);
      return;
    }
    const outcome = await completeOrder(context.store, order, {
      causationId: message.envelope.messageId,
      exchange: context.exchange,
      signal: message.signal,
      reemittedOnRedelivery: true,
    });
    await emitOutcome(
      context,
      outcome,
      { tenantId, orderId, messageId: orderMessageIds.completed(orderId) },
      message.signal,
    );
  };
}
