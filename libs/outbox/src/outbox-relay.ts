// Publishes outbox entries that their writer left unsent (it crashed between the write and the
// publish, or its publish failed). Two passes per collection: the pending writes (outbox-pending.ts),
// which need no clock of any writer, and, for collections whose writers record no pending writes yet,
// the older scan by `outboxDueAt` from a watermark. The relay never writes to the aggregate documents
// themselves. An entry that can never be published is set aside (set-aside.ts) instead of retried for
// ever. Each collection has one owning relay (see README): two would publish everything twice.
import { createIndexesOneByOne, type Store } from '@conveyor/store';
import type { Logger } from 'pino';
import {
  outboxCollectionNames,
  outboxDueIndex,
  outboxPendingIndexes,
  outboxSentIndexes,
} from './outbox-collections.ts';
import type { OutboxEntry } from './outbox-entry.ts';
import type { OutboxSource } from './outbox-source.ts';
import { createRelayEntries } from './relay-entries.ts';
import { createPendingPass } from './relay-pending-pass.ts';
import { createTimeWindowPass } from './relay-time-window-pass.ts';
import { createSetAside, type UnpublishableReason } from './set-aside.ts';

export interface OutboxRelayOptions {
  store: Store;
  /** Who runs this relay (e.g. `gateway`): the watermark of each time-scanned collection is kept per owner. */
  owner: string;
  /** Aggregate collections whose documents carry an outbox; each must have this one relay only. */
  collections: readonly string[];
  /**
   * The collections among them whose writers do not record pending writes (recordPendingOutbox) yet:
   * they are also scanned by `outboxDueAt` from a watermark, which trusts the writers' clocks. Default:
   * all of them (how the relay worked before pending writes).
   */
  timeScannedCollections?: readonly string[];
  /** Publishes one entry, resolving once the broker confirmed it. */
  publish: (entry: OutboxEntry, source: OutboxSource) => Promise<void>;
  /** How long the writer has to publish its own entries before the relay does. */
  graceMs: number;
  intervalMs: number;
  logger: Logger;
  /**
   * A time-scanned collection's look-back behind its watermark, for documents that became visible late
   * (write latency, writer clock behind). Defaults to graceMs.
   */
  lookbackMs?: number;
  /**
   * How long (on this relay's clock) a pending write whose document never shows its entries is waited
   * for before it is taken as not applied and dropped. Default one hour: far beyond any write's latency.
   */
  abandonAfterMs?: number;
  /**
   * Which failures mean an entry can never be published, as the dead-letter reason it is set aside
   * under (e.g. too large for the broker, or not an entry at all). Default: none; every failure is
   * retried and a malformed entry is skipped with an error log on each pass.
   */
  unpublishableReason?: UnpublishableReason;
  /** Pending writes read per collection and pass. Default 500. */
  batchSize?: number;
  /** Milliseconds since the epoch; defaults to Date.now. */
  clock?: () => number;
}

export interface OutboxRelay {
  /** Creates the indexes, then runs every intervalMs. Idempotent. */
  start(): Promise<void>;
  /** One pass over every collection; the number of entries published. Concurrent calls share a pass. */
  runOnce(): Promise<number>;
  /** Stops the timer and waits for a pass in progress. Idempotent. */
  stop(): Promise<void>;
}

const defaultAbandonAfterMs = 60 * 60_000;
const defaultBatchSize = 500;

/** The markers' and pending writes' indexes, and the `outboxDueAt` index on each collection. Idempotent. */
export async function ensureOutboxIndexes(store: Store, collections: readonly string[]): Promise<void> {
  await createIndexesOneByOne(store.db, outboxCollectionNames.sent, outboxSentIndexes);
  await createIndexesOneByOne(store.db, outboxCollectionNames.pending, outboxPendingIndexes);
  for (const collection of collections) {
    await createIndexesOneByOne(store.db, collection, [outboxDueIndex]);
  }
}

export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { store, collections, graceMs, intervalMs } = options;
  const clock = options.clock ?? Date.now;
  const logger = options.logger.child({ component: 'outbox-relay' });
  const timeScanned = new Set(options.timeScannedCollections ?? collections);
  const relayEntries = createRelayEntries({
    store,
    publish: options.publish,
    unpublishableReason: options.unpublishableReason ?? (() => undefined),
    setAside: createSetAside(store),
    logger,
    clock,
  });
  const pendingPass = createPendingPass({
    store,
    graceMs,
    abandonAfterMs: options.abandonAfterMs ?? defaultAbandonAfterMs,
    batchSize: options.batchSize ?? defaultBatchSize,
    clock,
    logger,
    relayEntries,
    timeScanned: (collection) => timeScanned.has(collection),
  });
  const timeWindowPass = createTimeWindowPass({
    store,
    owner: options.owner,
    graceMs,
    lookbackMs: options.lookbackMs ?? graceMs,
    clock,
    logger,
    relayEntries,
  });

  let pass: Promise<number> | undefined;
  let starting: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function runPass(): Promise<number> {
    let published = 0;
    for (const collection of collections) {
      published += await pendingPass(collection);
      if (timeScanned.has(collection)) published += await timeWindowPass(collection);
    }
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
