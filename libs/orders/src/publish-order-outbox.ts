// The writer's half of the outbox: right after the document write, publish what it implied and record
// each as sent. A crash in between is covered by the outbox relay (it publishes unmarked entries).
import { markOutboxSent, type OutboxEntry, type Store } from '@conveyor/store';
import { ordersCollection } from './order-document.ts';
import { toOutgoingMessage, type PublishOutgoing } from './outgoing-message.ts';

export interface OrderOutboxSource {
  _id: string;
  outbox?: readonly OutboxEntry[] | undefined;
}

/**
 * Publishes `order.outbox` in order (each confirmed before the next) and records the sent markers.
 * Pass only the entries a write added (createOrder and the step transitions return them that way).
 */
export async function publishOrderOutbox(
  store: Store,
  publish: PublishOutgoing,
  order: OrderOutboxSource,
): Promise<void> {
  for (const entry of order.outbox ?? []) {
    await publish(toOutgoingMessage(entry));
    await markOutboxSent(store, ordersCollection, order._id, [entry.messageId]);
  }
}
