// The writer's half of the outbox, written once: right after the document write, publish each entry
// it added (confirmed, in order) and record it sent. A crash or failure in between is covered by the
// relay, which publishes what has no sent marker once its grace period is over.
import type { Store } from '@conveyor/store';
import type { Logger } from 'pino';
import type { OutboxEntry } from './outbox-entry.ts';
import { markOutboxSent } from './outbox-sent.ts';
import { toOutgoingMessage, type PublishOutgoing } from './outgoing-message.ts';

export interface WrittenOutbox {
  /** The aggregate collection and document the entries were written to. */
  collection: string;
  docId: string;
  /** Only the entries this write added. */
  entries: readonly OutboxEntry[];
}

/** Publishes and marks every entry; throws the first failure (the caller's message is retried). */
export async function publishOutbox(
  store: Store,
  publish: PublishOutgoing,
  written: WrittenOutbox,
): Promise<void> {
  for (const entry of written.entries) {
    await publish(toOutgoingMessage(entry));
    await markOutboxSent(store, written.collection, written.docId, [entry.messageId]);
  }
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
