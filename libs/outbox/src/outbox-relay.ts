// Publishes outbox entries that their writer left unsent (it crashed between the write and the
// publish). Documents are found by `outboxDueAt` past the grace period, scanning forward from a
// watermark kept per owner and collection; what is already sent is known from the sent markers, so the
// relay never writes to the aggregate documents themselves. Each collection has one owning relay (see
// README): two relays on one collection would share nothing and publish everything twice.
import { createIndexesOneByOne, type Store } from '@conveyor/store';
import type { Logger } from 'pino';
import { outboxCollectionNames, outboxDueIndex, outboxSentIndexes } from './outbox-collections.ts';
import { outboxEntrySchema, type OutboxEntry } from './outbox-entry.ts';
import { markOutboxSent, sentMessageIds } from './outbox-sent.ts';

export interface OutboxSource {
  collection: string;
  docId: string;
}

export interface OutboxRelayOptions {
  store: Store;
  /** Who runs this relay (e.g. `gateway`): the watermark of each collection is kept per owner. */
  owner: string;
  /** Aggregate collections whose documents carry an outbox; each must have this one relay only. */
  collections: readonly string[];
  /** Publishes one entry, resolving once the broker confirmed it. */
  publish: (entry: OutboxEntry, source: OutboxSource) => Promise<void>;
  /** How long the writer has to publish its own entries before the relay does. */
  graceMs: number;
  intervalMs: number;
  logger: Logger;
  /**
   * How far behind its watermark each scan starts again, for documents that became visible late (write
   * latency, writer clock behind). Defaults to graceMs.
   */
  lookbackMs?: number;
  /** Milliseconds since the epoch; defaults to Date.now. */
  clock?: () => number;
}

export interface OutboxRelay {
  /** Creates the `outboxDueAt` indexes, then runs every intervalMs. Idempotent. */
  start(): Promise<void>;
  /** One pass over every collection; the number of entries published. Concurrent calls share a pass. */
  runOnce(): Promise<number>;
  /** Stops the timer and waits for a pass in progress. Idempotent. */
  stop(): Promise<void>;
}

interface RelayState {
  _id: string;
  /** Every document due at or before this time has had its entries published. */
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

/** The sent markers' index, and the `outboxDueAt` index on each aggregate collection. Idempotent. */
export async function ensureOutboxIndexes(store: Store, collections: readonly string[]): Promise<void> {
  await createIndexesOneByOne(store.db, outboxCollectionNames.sent, outboxSentIndexes);
  for (const collection of collections) {
    await createIndexesOneByOne(store.db, collection, [outboxDueIndex]);
  }
}

export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { store, collections, publish, graceMs, intervalMs } = options;
  const lookbackMs = options.lookbackMs ?? graceMs;
  const clock = options.clock ?? Date.now;
  const logger = options.logger.child({ component: 'outbox-relay' });
  const states = store.db.collection<RelayState>(outboxCollectionNames.relayState);

  let pass: Promise<number> | undefined;
  let starting: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function relayCollection(collection: string): Promise<number> {
    const cutoff = new Date(clock() - graceMs);
    const stateId = relayStateId(options.owner, collection);
    // Before states were kept per owner their id was the collection's name: carry that watermark over,
    // or the first pass would rescan every document and republish those whose markers retention removed.
    const state = (await states.findOne({ _id: stateId })) ?? (await states.findOne({ _id: collection }));
    const dueAt =
      state === null
        ? { $lte: cutoff }
        : { $gt: new Date(state.scannedUpTo.getTime() - lookbackMs), $lte: cutoff };
    const due = store.db
      .collection<DueDocument>(collection)
      .find({ outboxDueAt: dueAt }, { projection: { outbox: 1, outboxDueAt: 1 } })
      .sort({ outboxDueAt: 1, _id: 1 });

    let published = 0;
    let firstFailure: Date | undefined;
    for await (const document of due) {
      try {
        published += await relayDocument(collection, document);
      } catch (error) {
        // One entry that cannot be published must not hold back the others; the watermark stays
        // before it, so every pass tries it again (and says so) until it goes out.
        firstFailure ??= document.outboxDueAt;
        logger.error({ err: error, collection, docId: String(document._id) }, 'outbox entry publish failed');
      }
    }
    const scannedUpTo = firstFailure === undefined ? cutoff : new Date(firstFailure.getTime() - 1);
    await states.updateOne({ _id: stateId }, { $max: { scannedUpTo } }, { upsert: true });
    return published;
  }

  async function relayDocument(collection: string, document: DueDocument): Promise<number> {
    const source: OutboxSource = { collection, docId: String(document._id) };
    const entries = readEntries(source, document.outbox);
    const sent = await sentMessageIds(
      store,
      entries.map((entry) => entry.messageId),
    );
    let published = 0;
    for (const entry of entries) {
      if (sent.has(entry.messageId)) continue;
      await publish(entry, source);
      await markOutboxSent(store, collection, source.docId, [entry.messageId], new Date(clock()));
      published += 1;
      logger.info(
        { ...source, messageId: entry.messageId, type: entry.type },
        'published an unsent outbox entry',
      );
    }
    return published;
  }

  function readEntries(source: OutboxSource, outbox: unknown): OutboxEntry[] {
    if (!Array.isArray(outbox)) return [];
    const entries: OutboxEntry[] = [];
    for (const raw of outbox) {
      const parsed = outboxEntrySchema.safeParse(raw);
      // A malformed entry can never be published; it must not block the rest, and must not pass unseen.
      if (parsed.success) entries.push(parsed.data);
      else logger.error({ ...source, issues: parsed.error.issues }, 'skipping a malformed outbox entry');
    }
    return entries;
  }

  async function runPass(): Promise<number> {
    let published = 0;
    for (const collection of collections) published += await relayCollection(collection);
    return published;
  }

  function runOnce(): Promise<number> {
    pass ??= runPass().finally(() => {
      pass = undefined;
    });
    return pass;
  }

  function schedule(): void {
    timer = setTimeout(() => {
      runOnce().then(
        () => {
          if (stopping === undefined) schedule();
        },
        (error: unknown) => {
          logger.error({ err: error }, 'outbox relay pass failed; will retry');
          if (stopping === undefined) schedule();
        },
      );
    }, intervalMs);
  }

  return {
    start() {
      starting ??= ensureOutboxIndexes(store, collections).then(() => {
        if (stopping === undefined) schedule();
      });
      return starting;
    },
    runOnce,
    stop() {
      stopping ??= (async () => {
        // Failures of start and of a pass were already reported to their callers or logged.
        clearTimeout(timer);
        await starting?.catch(() => undefined);
        clearTimeout(timer);
        await pass?.catch(() => undefined);
      })();
      return stopping;
    },
  };
}
