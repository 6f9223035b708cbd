// The `dead_letters` collection: what the archiver drains from every `<queue>.dlq`, so operators list,
// inspect, replay and purge from storage instead of browsing queues.
import { BSON, type Collection, type Filter } from 'mongodb';
import { z } from 'zod';
import { PermanentError } from '@conveyor/contracts';
import { collectionNames } from './collections.ts';
import { decodeDeadLetterCursor, encodeDeadLetterCursor } from './dead-letter-cursor.ts';
import {
  deadLetterEntrySchema,
  deadLetterId,
  deadLetterPropertiesSchema,
  newDeadLetterSchema,
  type DeadLetterEntry,
  type NewDeadLetter,
} from './dead-letter-entry.ts';
import { insertNew } from './duplicate-key.ts';
import type { Store } from './store.ts';
import { StoreErrorCode } from './store-error-codes.ts';

// Headers are stored as relaxed EJSON text: AMQP header names may contain '.' or start with '$', which
// FerretDB rejects as field names, and EJSON keeps dates and numbers as they were.
const storedDeadLetterSchema = deadLetterEntrySchema.omit({ id: true, properties: true }).extend({
  _id: z.string(),
  properties: deadLetterPropertiesSchema.omit({ headers: true }).extend({ headers: z.string() }),
});

type StoredDeadLetter = z.infer<typeof storedDeadLetterSchema>;

export interface DeadLetterListOptions {
  queue?: string;
  reason?: string;
  /** Page size, 1..500 (default 50). */
  limit?: number;
  /** The `next` cursor of the previous page. */
  after?: string;
}

export interface DeadLetterPage {
  entries: DeadLetterEntry[];
  /** Cursor for the following (older) page; null on the last page. */
  next: string | null;
}

export interface DeadLetterStore {
  /** Idempotent: the same delivery archived twice keeps one record (`created: false` the second time). */
  record(entry: NewDeadLetter): Promise<{ id: string; created: boolean }>;
  /** Newest first. */
  list(options?: DeadLetterListOptions): Promise<DeadLetterPage>;
  get(id: string): Promise<DeadLetterEntry | null>;
  /** False when no such record exists. */
  markReplayed(id: string, at: Date): Promise<boolean>;
  /** Deletes the records matching every given filter; at least one of queue or ids is required. */
  purge(filter: { queue?: string; ids?: readonly string[] }): Promise<number>;
  /** Record counts per queue, by queue name. */
  countByQueue(): Promise<Array<{ queue: string; count: number }>>;
}

const queueCountSchema = z.object({ _id: z.string(), count: z.number().int() });

export function createDeadLetterStore(store: Store): DeadLetterStore {
  const records: Collection<StoredDeadLetter> = store.db.collection<StoredDeadLetter>(
    collectionNames.deadLetters,
  );

  return {
    async record(input) {
      const parsed = newDeadLetterSchema.safeParse(input);
      if (!parsed.success) {
        throw new PermanentError(
          StoreErrorCode.deadLetterInvalid,
          `dead letter not recordable: ${parsed.error.message}`,
        );
      }
      const { properties, ...rest } = parsed.data;
      const id = deadLetterId(parsed.data);
      const stored: StoredDeadLetter = {
        _id: id,
        ...rest,
        properties: { ...properties, headers: BSON.EJSON.stringify(properties.headers, { relaxed: true }) },
        replayedAt: null,
      };
      const lost = await insertNew(records, [stored]);
      return { id, created: lost.size === 0 };
    },

    async list(options = {}) {
      const limit = options.limit ?? 50;
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
        throw new PermanentError(StoreErrorCode.deadLetterBadLimit, `page size must be 1..500, not ${limit}`);
      }
      const filter: Filter<StoredDeadLetter> = {};
      if (options.queue !== undefined) filter.queue = options.queue;
      if (options.reason !== undefined) filter.reason = options.reason;
      if (options.after !== undefined) {
        const { deadLetteredAt, id } = decodeDeadLetterCursor(options.after);
        filter.$or = [{ deadLetteredAt: { $lt: deadLetteredAt } }, { deadLetteredAt, _id: { $lt: id } }];
      }
      const found = await records
        .find(filter)
        .sort({ deadLetteredAt: -1, _id: -1 })
        .limit(limit + 1)
        .toArray();
      const entries = found.slice(0, limit).map(toEntry);
      const last = entries.at(-1);
      const next = found.length > limit && last !== undefined ? encodeDeadLetterCursor(last) : null;
      return { entries, next };
    },

    async get(id) {
      const found = await records.findOne({ _id: id });
      return found === null ? null : toEntry(found);
    },

    async markReplayed(id, at) {
      const updated = await records.updateOne({ _id: id }, { $set: { replayedAt: at } });
      return updated.matchedCount > 0;
    },

    async purge({ queue, ids }) {
      if (queue === undefined && ids === undefined) {
        throw new PermanentError(
          StoreErrorCode.deadLetterPurgeUnbounded,
          'purge needs a queue or a list of ids',
        );
      }
      const filter: Filter<StoredDeadLetter> = {};
      if (queue !== undefined) filter.queue = queue;
      if (ids !== undefined) filter._id = { $in: [...ids] };
      const deleted = await records.deleteMany(filter);
      return deleted.deletedCount;
    },

    async countByQueue() {
      const groups = await records
        .aggregate([{ $group: { _id: '$queue', count: { $sum: 1 } } }, { $sort: { _id: 1 } }])
        .toArray();
      return groups.map((group) => {
        const { _id, count } = queueCountSchema.parse(group);
        return { queue: _id, count };
      });
    },
  };
}

function toEntry(document: unknown): DeadLetterEntry {
  const parsed = storedDeadLetterSchema.safeParse(document);
  if (!parsed.success) {
    throw new PermanentError(
      StoreErrorCode.deadLetterUnreadable,
      `unreadable dead-letter record: ${parsed.error.message}`,
    );
  }
  const { _id, properties, ...rest } = parsed.data;
  const headers = z
    .record(z.string(), z.unknown())
    .parse(BSON.EJSON.parse(properties.headers, { relaxed: true }));
  return { id: _id, ...rest, properties: { ...properties, headers } };
}
