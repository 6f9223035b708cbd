// An order write's outbox, published right after the write: @conveyor/outbox's publish, then drop the
// write's pending record, bound to the `orders` collection. A crash in between is covered by the
// gateway's outbox relay, which reads the pending records.
import { publishOutbox, type OutboxEntry, type PendingOutbox, type PublishOutgoing } from '@conveyor/outbox';
import type { Store } from '@conveyor/store';
import { ordersCollection } from './order-document.ts';

export interface OrderOutboxSource {
  _id: string;
  outbox?: readonly OutboxEntry[] | undefined;
}

/** The write's pending outbox record; without one (a re-emit) each entry gets a sent marker instead. */
export type OrderOutboxPending = Pick<PendingOutbox, '_id'> | undefined;

/**
 * Publishes `order.outbox` in order (each confirmed before the next) and records the sent markers.
 * Pass only the entries a write added (createOrder and the step transitions return them that way).
 */
export async function publishOrderOutbox(
  store: Store,
  publish: PublishOutgoing,
  order: OrderOutboxSource,
  pending: OrderOutboxPending,
): Promise<void> {
  await publishOutbox(store, publish, {
    collection: ordersCollection,
    docId: order._id,
    entries: order.outbox ?? [],
    pending,
  });
}
