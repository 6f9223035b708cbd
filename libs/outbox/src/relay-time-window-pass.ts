// The relay's pass for collections whose writers record no pending writes (recordPendingOutbox): as
// before, documents whose `outboxDueAt` is older than the grace period, scanned forward from a watermark
// kept per owner and collection, rescanning `lookbackMs` behind it. It trusts the writer's timestamp: a
// document that becomes visible more than grace + look-back after it is missed. Writers move to pending
// writes, and their collection leaves this pass, to be rid of that.
import type { Store } from '@conveyor/store';
import type { Logger } from 'pino';
import { outboxCollectionNames } from './outbox-collections.ts';
import { sentMessageIds } from './outbox-sent.ts';
import { messageIdOf, type RelayEntries } from './relay-entries.ts';

export interface TimeWindowPassOptions {
  store: Store;
  owner: string;
  graceMs: number;
  lookbackMs: number;
  clock: () => number;
  logger: Logger;
  relayEntries: RelayEntries;
}

interface RelayState {
  _id: string;
  /** Every document due at or before this time has had its entries published or set aside. */
  scannedUpTo: Date;
}

interface DueDocument {
  _id: unknown;
  outbox?: unknown;
  outboxDueAt: Date;
}

/** The relay state's id: one watermark per owner and collection. */
export function relayStateId(owner: string, collection: string): string {
  return `${owner}:${collection}`;
}

/** One pass over a collection by due time; the number of entries published. */
export type TimeWindowPass = (collection: string) => Promise<number>;

export function createTimeWindowPass(options: TimeWindowPassOptions): TimeWindowPass {
  const { store, logger } = options;
  const states = store.db.collection<RelayState>(outboxCollectionNames.relayState);

  async function unsentEntries(document: DueDocument): Promise<unknown[]> {
    const stored: unknown[] = Array.isArray(document.outbox) ? (document.outbox as unknown[]) : [];
    const sent = await sentMessageIds(
      store,
      stored.flatMap((raw) => messageIdOf(raw) ?? []),
    );
    return stored.filter((raw) => {
      const messageId = messageIdOf(raw);
      return messageId === undefined || !sent.has(messageId);
    });
  }

  return async (collection) => {
    const cutoff = new Date(options.clock() - options.graceMs);
    const stateId = relayStateId(options.owner, collection);
    // Before states were kept per owner their id was the collection's name: carry that watermark over,
    // or the first pass would rescan every document and republish those whose markers retention removed.
    const state = (await states.findOne({ _id: stateId })) ?? (await states.findOne({ _id: collection }));
    const dueAt =
      state === null
        ? { $lte: cutoff }
        : { $gt: new Date(state.scannedUpTo.getTime() - options.lookbackMs), $lte: cutoff };
    const due = store.db
      .collection<DueDocument>(collection)
      .find({ outboxDueAt: dueAt }, { projection: { outbox: 1, outboxDueAt: 1 } })
      .sort({ outboxDueAt: 1, _id: 1 });

    let published = 0;
    let firstFailure: Date | undefined;
    for await (const document of due) {
      const source = { collection, docId: String(document._id) };
      try {
        const relayed = await options.relayEntries(source, await unsentEntries(document));
        published += relayed.published;
        if (!relayed.done) firstFailure ??= document.outboxDueAt;
      } catch (error) {
        // One entry that cannot be published now must not hold back the others; the watermark stays
        // before it, so every pass tries it again (and says so) until it goes out or is set aside.
        firstFailure ??= document.outboxDueAt;
        logger.error({ err: error, ...source }, 'outbox entry publish failed');
      }
    }
    const scannedUpTo = firstFailure === undefined ? cutoff : new Date(firstFailure.getTime() - 1);
    await states.updateOne({ _id: stateId }, { $max: { scannedUpTo } }, { upsert: true });
    return published;
  };
}
