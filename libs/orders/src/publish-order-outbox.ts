// An order write's outbox, published right after the write: @conveyor/outbox's publish, then drop the
// write's pending record, bound to the `orders` collection. A crash in between is covered by the
// gateway's outbox relay, which reads the pending records. And a re-emit of a message already recorded.
import {
  publishOutbox,
  toOutgoingMessage,
  type OutboxEntry,
  type PendingOutbox,
  type PublishOutgoing,
} from '@conveyor/outbox';
import type { Store } from '@conveyor/store';
import { ordersCollection } from './order-document.ts';

export interface OrderOutboxSource {
  _id: string;
  outbox?: readonly OutboxEntry[] | undefined;
}

/**
 * The write's pending outbox record; undefined when the write added no entries, or announced none
 * (TransitionOptions.reemittedOnRedelivery: its unacked delivery re-emits them).
 */
export type OrderOutboxPending = Pick<PendingOutbox, '_id'> | undefined;

/**
 * Publishes `order.outbox` in order (each confirmed before the next), then drops the write's pending
 * record. Pass only the entries a write added (createOrder and the step transitions return them that way).
 * A write without a pending record gets no sent markers either: no relay scans orders by time, so a
 * marker would never be read.
 */
export async function publishOrderOutbox(
  store: Store,
  publish: PublishOutgoing,
  order: OrderOutboxSource,
  pending: OrderOutboxPending,
): Promise<void> {
  const entries = order.outbox ?? [];
  if (pending === undefined) {
    for (const entry of entries) await publish(toOutgoingMessage(entry));
    return;
  }
  await publishOutbox(store, publish, { collection: ordersCollection, docId: order._id, entries, pending });
}

/**
 * Publishes one message the order already holds, again (a redelivered step re-emits the message of the
 * transition it finds recorded). Nothing is recorded: the write that added it had its pending record, and
 * no relay scans orders by time, so a sent marker would never be read.
 */
export async function reemitOrderMessage(publish: PublishOutgoing, entry: OutboxEntry): Promise<void> {
  await publish(toOutgoingMessage(entry));
}
