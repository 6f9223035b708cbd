// After a transition: publish what the write added and announce the progress. When
// the write found the order already past that point, re-emit the stored message of the transition
// instead: a redelivered step then still reaches the next step, and downstream inboxes de-duplicate.
// An aborted handler publishes nothing: the message's retry (or the outbox relay) does it.
import type { OrderStep } from '@conveyor/contracts';
import {
  findOutboxEntry,
  OrderNotFoundError,
  publishOrderOutbox,
  reemitOrderMessage,
  type OrderDocument,
  type TransitionOutcome,
} from '@conveyor/orders';
import type { WorkflowContext } from './workflow-context.ts';

export interface Announcement {
  step?: OrderStep;
  detail?: string;
}

export async function emitOutcome(
  context: WorkflowContext,
  outcome: TransitionOutcome,
  expected: { tenantId: string; orderId: string; messageId: string },
  signal: AbortSignal,
  announcement: Announcement = {},
): Promise<OrderDocument> {
  if (outcome.applied) {
    signal.throwIfAborted();
    // Workflow writes announce no pending record (reemittedOnRedelivery): this delivery is their outbox.
    await publishOrderOutbox(
      context.store,
      context.publish,
      { _id: outcome.order._id, outbox: outcome.entries },
      outcome.pending,
    );
    context.progress.announce(outcome.order, announcement);
    return outcome.order;
  }
  if (outcome.order === null) throw new OrderNotFoundError(expected.tenantId, expected.orderId);
  await reemit(context, outcome.order, expected.messageId, signal);
  return outcome.order;
}

/** Publishes the order's stored message with this id again; false when the order has no such message. */
export async function reemit(
  context: WorkflowContext,
  order: OrderDocument,
  messageId: string,
  signal: AbortSignal,
): Promise<boolean> {
  signal.throwIfAborted();
  const entry = findOutboxEntry(order, messageId);
  if (entry === undefined) {
    context.logger.info({ orderId: order._id, messageId, status: order.status }, 'nothing to re-emit');
    return false;
  }
  await reemitOrderMessage(context.publish, entry);
  context.logger.info({ orderId: order._id, messageId }, 'step already recorded; re-emitted its message');
  return true;
}
