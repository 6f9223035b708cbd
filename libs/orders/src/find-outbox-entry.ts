// For re-emitting: a handler that finds its step already recorded publishes that step's stored message
// again, under its original messageId, so downstream inboxes de-duplicate it.
import type { OutboxEntry } from '@conveyor/outbox';
import type { OrderDocument } from './order-document.ts';

export function findOutboxEntry(order: OrderDocument, messageId: string): OutboxEntry | undefined {
  return order.outbox?.find((entry) => entry.messageId === messageId);
}
