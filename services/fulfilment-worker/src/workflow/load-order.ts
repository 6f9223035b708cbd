// The order a workflow delivery starts from. A later delivery of a message (a retry, or a redelivery
// after its holder died) may find the document behind its step records, since a forward step leaves its
// document to the next step's write (@conveyor/orders, deferred writes): it catches the document up
// first. A first delivery reads it by _id alone.
import type { InboundMessage } from '@conveyor/bus';
import { catchUpOrder, getOrder, OrderNotFoundError, type OrderDocument } from '@conveyor/orders';
import type { WorkflowContext } from './workflow-context.ts';

export async function loadOrder(
  context: WorkflowContext,
  message: InboundMessage<{ tenantId: string; orderId: string }>,
): Promise<OrderDocument> {
  const { tenantId, orderId } = message.body;
  const order = isLaterDelivery(message)
    ? await catchUpOrder(context.store, tenantId, orderId)
    : await getOrder(context.store, tenantId, orderId);
  if (order === null) throw new OrderNotFoundError(tenantId, orderId);
  return order;
}

function isLaterDelivery(message: InboundMessage<unknown>): boolean {
  return message.envelope.attempt > 1 || (message.claim?.epoch ?? 1) > 1;
}
