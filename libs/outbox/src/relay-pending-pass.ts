// The relay's pass over pending writes (outbox-pending.ts): every record its own clock has seen for
// longer than the grace period is checked against its document, read by _id. Entries the document
// shows are published and the record dropped; a record whose entries the document does not show (yet)
// waits, however old its writer's timestamp, until the abandon bound of the relay's own clock says the
// write did not apply. Completeness therefore depends on no writer's clock and on no visibility delay.
import type { Store } from '@conveyor/store';
import type { Logger } from 'pino';
import {
  dropPendingOutbox,
  pendingOutboxWrites,
  type OutboxDocumentId,
  type PendingOutbox,
} from './outbox-pending.ts';
import { isMarkedSent } from './outbox-sent.ts';
import { messageIdOf, type RelayEntries } from './relay-entries.ts';
import { RelaySightings } from './relay-sightings.ts';

export interface PendingPassOptions {
  store: Store;
  graceMs: number;
  abandonAfterMs: number;
  batchSize: number;
  clock: () => number;
  logger: Logger;
  relayEntries: RelayEntries;
  /**
   * Whether the collection is also scanned by time: its entries may then have been published by that
   * pass (which marks them sent, and knows nothing of pending records), so markers are read first.
   */
  timeScanned: (collection: string) => boolean;
}

interface StoredOutbox {
  _id: OutboxDocumentId;
  outbox?: unknown;
}

/** One pass over a collection's pending writes; the number of entries published. */
export type PendingPass = (collection: string) => Promise<number>;

export function createPendingPass(options: PendingPassOptions): PendingPass {
  const { store, logger } = options;
  const sightings = new Map<string, RelaySightings>();

  function sightingsOf(collection: string): RelaySightings {
    let found = sightings.get(collection);
    if (found === undefined) {
      found = new RelaySightings();
      sightings.set(collection, found);
    }
    return found;
  }

  async function relayWrite(collection: string, write: PendingOutbox, ageMs: number): Promise<number> {
    const document = await store.db
      .collection<StoredOutbox>(collection)
      .findOne({ _id: write.docId }, { projection: { outbox: 1 } });
    const stored: unknown[] = Array.isArray(document?.outbox) ? (document.outbox as unknown[]) : [];
    const byMessageId = new Map<string, unknown>();
    for (const raw of stored) {
      const messageId = messageIdOf(raw);
      if (messageId !== undefined && !byMessageId.has(messageId)) byMessageId.set(messageId, raw);
    }
    const shown = write.messageIds.flatMap((messageId) => {
      const raw = byMessageId.get(messageId);
      return raw === undefined ? [] : [raw];
    });
    const log = {
      collection,
      docId: String(write.docId),
      pendingId: write._id,
      recordedAt: write.recordedAt,
    };
    if (shown.length < write.messageIds.length) {
      // The write is not visible yet, or it never applied (its writer crashed or lost a race before
      // withdrawing the record). Only the relay's own clock decides when to stop waiting.
      if (ageMs < options.abandonAfterMs) return 0;
      logger.warn(
        { ...log, messageIds: write.messageIds, shown: shown.length },
        'a pending outbox write never showed in its document; relaying what it shows and dropping it',
      );
    }
    const unsent = options.timeScanned(collection) ? await withoutMarked(shown) : shown;
    const relayed = await options.relayEntries({ collection, docId: String(write.docId) }, unsent);
    if (relayed.done) await dropPendingOutbox(store, write);
    return relayed.published;
  }

  async function withoutMarked(entries: readonly unknown[]): Promise<unknown[]> {
    const unsent: unknown[] = [];
    for (const raw of entries) {
      const messageId = messageIdOf(raw);
      if (messageId === undefined || !(await isMarkedSent(store, messageId))) unsent.push(raw);
    }
    return unsent;
  }

  return async (collection) => {
    const { writes, unreadable } = await pendingOutboxWrites(store, collection, options.batchSize);
    if (unreadable > 0)
      logger.warn({ collection, unreadable }, 'unreadable pending outbox records left alone');
    const ages = sightingsOf(collection).ages(
      writes.map((write) => write._id),
      options.clock(),
    );
    let published = 0;
    for (const write of writes) {
      const ageMs = ages.get(write._id) ?? 0;
      if (ageMs < options.graceMs) continue;
      try {
        published += await relayWrite(collection, write, ageMs);
      } catch (error) {
        // One write that cannot be relayed now must not hold back the others; it is tried next pass.
        logger.error(
          { err: error, collection, docId: String(write.docId), pendingId: write._id },
          'relaying a pending outbox write failed; tried again on the next pass',
        );
      }
    }
    return published;
  };
}
