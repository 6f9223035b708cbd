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

/** The write's pending outbox record; undefined when the write added no entries. */
export type OrderOutboxPending = Pick<PendingOutbox, '_id'> | undefined;

/**
 * Publishes `order.outbox` in order (each confirmed before the next), then drops the write's pending
 * record. Pass only the entries a write added (createOrder and the step transitions return them that way).
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

/**
 * Publishes what a write added that announced no pending record (TransitionOptions.reemittedOnRedelivery),
 * in order, each confirmed before the next. Nothing is recorded: the inbound message stays unacked until
 * this returns, and its redelivery re-emits the entries from the order.
 */
export async function publishOrderEntries(
  publish: PublishOutgoing,
  entries: readonly OutboxEntry[],
): Promise<void> {
  for (const entry of entries) await publish(toOutgoingMessage(entry));
}

/**
 * Publishes one message the order already holds, again (a redelivered step re-emits the message of the
 * transition it finds recorded). Nothing is recorded: the write that added it had its pending record, and
 * no relay scans orders by time, so a sent marker would never be read.
 */
export async function reemitOrderMessage(publish: PublishOutgoing, entry: OutboxEntry): Promise<void> {
  await publish(toOutgoingMessage(entry));
}
