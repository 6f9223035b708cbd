// The writer's half of the outbox: right after the document write, publish what it implied and mark it
// sent. The write is the commit point, so a failed publish does not fail the request: the relay
// publishes what is left unsent once its grace period is over.
import type { Bus } from '@conveyor/bus';
import { toOutgoingMessage } from '@conveyor/orders';
import { markOutboxSent, type OutboxEntry, type Store } from '@conveyor/store';
import type { Logger } from 'pino';

/** request.log or the service logger. */
export type WarnLogger = Pick<Logger, 'warn'>;

export interface WrittenOutbox {
  collection: string;
  docId: string;
  /** Only the entries this write added. */
  entries: readonly OutboxEntry[];
}

/** True when every entry went out now; false when some are left to the relay (and logged). */
export async function publishOutbox(
  store: Store,
  bus: Bus,
  logger: WarnLogger,
  written: WrittenOutbox,
): Promise<boolean> {
  try {
    for (const entry of written.entries) {
      await bus.publish(toOutgoingMessage(entry));
      await markOutboxSent(store, written.collection, written.docId, [entry.messageId]);
    }
    return true;
  } catch (error) {
    logger.warn(
      { err: error, collection: written.collection, docId: written.docId },
      'outbox publish failed; the outbox relay will publish it',
    );
    return false;
  }
}
