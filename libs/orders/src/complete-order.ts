// Completing an order whose every step is done: status `completed` and order.completed.v1. The last
// step's write does this itself (record-step-done.ts); completeOrder finishes an order whose shipping
// was recorded by an earlier version, which wrote the two apart.
import { orderCompleted } from '@conveyor/contracts';
import type { OutboxEntry } from '@conveyor/outbox';
import type { Store } from '@conveyor/store';
import type { OrderDocument } from './order-document.ts';
import { orderMessageIds } from './order-message-ids.ts';
import { orderWriteEntry } from './order-outbox-entry.ts';
import { applyTransition, type TransitionOutcome } from './order-transition.ts';
import type { TransitionOptions } from './transition-options.ts';

export async function completeOrder(
  store: Store,
  order: OrderDocument,
  options: TransitionOptions = {},
): Promise<TransitionOutcome> {
  const now = options.now ?? new Date();
  const sequence = order.sequence + 1;
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
    entries: [completedEntry(order, sequence, options, now)],
    now,
    causationId: options.causationId,
    signal: options.signal,
    reemittedOnRedelivery: options.reemittedOnRedelivery,
  });
}

/** order.completed.v1 as the outbox entry of the write that completes `order`, at `sequence`. */
export function completedEntry(
  order: OrderDocument,
  sequence: number,
  options: Pick<TransitionOptions, 'causationId' | 'exchange'>,
  now: Date,
): OutboxEntry {
  return orderWriteEntry(
    order,
    {
      type: orderCompleted,
      body: { orderId: order._id, tenantId: order.tenantId, sequence },
      messageId: orderMessageIds.completed(order._id),
    },
    options,
    now,
  );
}
