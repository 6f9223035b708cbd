// The last forward step: shipping is done, so the order is completed and order.completed.v1 announced.
import { orderCompleted } from '@conveyor/contracts';
import type { Store } from '@conveyor/store';
import type { OrderDocument } from './order-document.ts';
import { orderMessageIds } from './order-message-ids.ts';
import { orderOutboxEntry } from './order-outbox-entry.ts';
import { applyTransition, type TransitionOutcome } from './order-transition.ts';
import type { TransitionOptions } from './transition-options.ts';

export async function completeOrder(
  store: Store,
  order: OrderDocument,
  options: TransitionOptions = {},
): Promise<TransitionOutcome> {
  const now = options.now ?? new Date();
  const sequence = order.sequence + 1;
  const entry = orderOutboxEntry(
    {
      type: orderCompleted,
      body: { orderId: order._id, tenantId: order.tenantId, sequence },
      messageId: orderMessageIds.completed(order._id),
      tenantId: order.tenantId,
      orderId: order._id,
      express: order.express,
      causationId: options.causationId,
      exchange: options.exchange,
    },
    now,
  );
  return applyTransition(store, {
    before: order,
    after: {
      status: 'completed',
      steps: order.steps,
      sequence,
      stepDeadline: null,
      failure: order.failure ?? null,
    },
    precondition: (current) => current.steps.shipping.state === 'done',
    event: 'completed',
    entries: [entry],
    now,
    causationId: options.causationId,
    signal: options.signal,
    reemittedOnRedelivery: options.reemittedOnRedelivery,
  });
}
