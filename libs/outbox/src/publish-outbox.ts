// The writer's half of the outbox, written once: right after the document write, publish each entry
// it added (confirmed, in order), then drop the write's pending record (or, for a writer that recorded
// none, mark each entry sent). A crash or failure in between is covered by the relay.
import type { Store } from '@conveyor/store';
import type { Logger } from 'pino';
import type { OutboxEntry } from './outbox-entry.ts';
import { dropPendingOutbox, type PendingOutbox } from './outbox-pending.ts';
import { markOutboxSent } from './outbox-sent.ts';
import { toOutgoingMessage, type PublishOutgoing } from './outgoing-message.ts';

export interface WrittenOutbox {
  /** The aggregate collection and document the entries were written to. */
  collection: string;
  docId: string;
  /** Only the entries this write added. */
  entries: readonly OutboxEntry[];
  /**
   * The write's record from recordPendingOutbox, dropped once every entry is out. Without one (a
   * writer that records no pending writes) each entry gets a sent marker instead, which the relay's
   * time-window pass reads.
   */
  pending?: Pick<PendingOutbox, '_id'> | undefined;
}

/** Publishes every entry, then records it done; throws the first failure (the caller's message is retried). */
export async function publishOutbox(
  store: Store,
  publish: PublishOutgoing,
  written: WrittenOutbox,
): Promise<void> {
  const { pending } = written;
  for (const entry of written.entries) {
    await publish(toOutgoingMessage(entry));
    if (pending === undefined)
      await markOutboxSent(store, written.collection, written.docId, [entry.messageId]);
  }
  if (pending !== undefined) await dropPendingOutbox(store, pending);
}

/**
 * For a writer whose write is its commit point (an HTTP request, the scheduler's leader): a failed
 * publish is logged, not thrown, and left to the relay. True when every entry went out now.
 */
export async function publishOutboxOrLeaveToRelay(
  store: Store,
  publish: PublishOutgoing,
  logger: Pick<Logger, 'warn'>,
  written: WrittenOutbox,
): Promise<boolean> {
  try {
    await publishOutbox(store, publish, written);
    return true;
  } catch (error) {
    logger.warn(
      { err: error, collection: written.collection, docId: written.docId },
      'outbox publish failed; the outbox relay will publish it',
    );
    return false;
  }
}
