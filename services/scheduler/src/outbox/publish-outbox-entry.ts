// Publishes outbox entries written by the scheduler (or left by others in the collections it
// relays) and records them as sent, so the relay does not publish them again.
import type { Bus } from '@conveyor/bus';
import { markOutboxSent, type OutboxEntry, type Store } from '@conveyor/store';
import type { Logger } from 'pino';

export type Publish = Bus['publish'];

/** `as` re-publishes the entry under another message id (the stuck-order sweep). */
export async function publishOutboxEntry(
  publish: Publish,
  entry: OutboxEntry,
  as?: { messageId: string; causationId: string },
): Promise<void> {
  await publish({
    exchange: entry.exchange,
    routingKey: entry.routingKey,
    type: entry.type,
    body: entry.body,
    messageId: as?.messageId ?? entry.messageId,
    causationId: as?.causationId,
    headers: entry.headers,
    priority: entry.priority ?? undefined,
    correlationId: entry.correlationId ?? undefined,
  });
}

export interface OutboxDelivery {
  readonly publish: Publish;
  readonly store: Store;
  readonly logger: Logger;
}

/**
 * Publishes what one write just put in a document's outbox. A failure is logged, not thrown: the
 * state change is already recorded and the relay publishes the entry after its grace period.
 */
export async function deliverOutbox(
  delivery: OutboxDelivery,
  source: { collection: string; docId: string },
  entries: readonly OutboxEntry[],
): Promise<boolean> {
  try {
    for (const entry of entries) {
      await publishOutboxEntry(delivery.publish, entry);
      await markOutboxSent(delivery.store, source.collection, source.docId, [entry.messageId]);
    }
    return true;
  } catch (error) {
    delivery.logger.warn({ err: error, ...source }, 'publish failed; the outbox relay will publish it');
    return false;
  }
}
