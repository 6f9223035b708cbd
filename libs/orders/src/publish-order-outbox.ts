// An order write's outbox, published right after the write: @conveyor/outbox's publish-then-mark,
// bound to the `orders` collection. A crash in between is covered by the gateway's outbox relay.
import { publishOutbox, type OutboxEntry, type PublishOutgoing } from '@conveyor/outbox';
import type { Store } from '@conveyor/store';
import { ordersCollection } from './order-document.ts';

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
  await publishOutbox(store, publish, {
    collection: ordersCollection,
    docId: order._id,
    entries: order.outbox ?? [],
  });
}
