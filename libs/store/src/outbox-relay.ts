// Publishes outbox entries that their writer left unsent (it crashed between the write and the
// publish). Documents are found by `outboxDueAt` past the grace period, scanning forward from a
// watermark kept per collection; what is already sent is known from the sent markers, so the relay
// never writes to the aggregate documents themselves.
import type { Logger } from 'pino';
import { collectionNames, outboxDueIndex } from './collections.ts';
import { createIndexesOneByOne } from './create-indexes.ts';
import { outboxEntrySchema, type OutboxEntry } from './outbox-entry.ts';
import { markOutboxSent, sentMessageIds } from './outbox-sent.ts';
import type { Store } from './store.ts';

export interface OutboxSource {
  collection: string;
  docId: string;
}

export interface OutboxRelayOptions {
  store: Store;
  /** Aggregate collections whose documents carry an outbox. */
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

export async function ensureOutboxIndexes(store: Store, collections: readonly string[]): Promise<void> {
  for (const collection of collections) {
    await createIndexesOneByOne(store.db, collection, [outboxDueIndex]);
  }
}

export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { store, collections, publish, graceMs, intervalMs } = options;
  const lookbackMs = options.lookbackMs ?? graceMs;
  const clock = options.clock ?? Date.now;
  const logger = options.logger.child({ component: 'outbox-relay' });
  const states = store.db.collection<RelayState>(collectionNames.outboxRelayState);

  let pass: Promise<number> | undefined;
  let starting: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function relayCollection(collection: string): Promise<number> {
    const cutoff = new Date(clock() - graceMs);
    const state = await states.findOne({ _id: collection });
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
    await states.updateOne({ _id: collection }, { $max: { scannedUpTo } }, { upsert: true });
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
