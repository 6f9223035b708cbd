// The MongoDB inbox: de-duplicates deliveries per (queue, messageId) and detects holders that died.
// Claims are decided by decideClaim and made real by inserts on deterministic _ids; only the holder
// ever updates its own claim record (renew, release, isolate), so no update is contested.
import type { Collection } from 'mongodb';
import { ContractsErrorCode, PermanentError, RetryableError } from '@conveyor/contracts';
import { collectionNames } from './collections.ts';
import { StoreErrorCode } from './store-error-codes.ts';
import { startableHolder, type InboxHolderOptions } from './inbox-holder.ts';
import { withinDeadline } from './inbox-write-timeout-error.ts';
import {
  decideClaim,
  firstClaim,
  matches,
  outcomeAfterLostInsert,
  type InsertPlan,
} from './inbox-decision.ts';
import type {
  ClaimOutcome,
  DoneMarkOutcome,
  InboxClaim,
  InboxClaimRequest,
  InboxPort,
} from '@conveyor/contracts';
import {
  claimRecordId,
  doneRecordId,
  inboxRecordSchema,
  type ClaimRecord,
  type CrashLoopRecord,
  type DoneRecord,
  type HolderRecord,
  type InboxRecord,
} from './inbox-records.ts';
import type { Store } from './store.ts';

/** `absent`: nothing recorded, or the last claim was released (the next delivery runs the handler). */
export type InboxStatus = 'absent' | 'in-progress' | 'done' | 'crash-loop';

export interface Inbox extends InboxPort {
  /** Claims several deliveries (e.g. a prefetch window) in a few round trips; outcomes in request order. */
  claimMany(requests: readonly InboxClaimRequest[]): Promise<ClaimOutcome[]>;
  /** Records several done marks in one insert (plus one read per mark that lost); outcomes in order. */
  markDoneMany(claims: readonly InboxClaim[]): Promise<DoneMarkOutcome[]>;
  /**
   * Forgets what is recorded for a message (done, crash loop, claims) so that a replayed copy runs the
   * handler again. Leaves a released claim behind so that epochs keep increasing (fencing tokens).
   */
  reset(queue: string, messageId: string): Promise<void>;
  status(queue: string, messageId: string): Promise<InboxStatus>;
  /**
   * Retention: deletes records created before `cutoff`, except claims whose lease reaches past it. The
   * cutoff must lie beyond the longest redelivery horizon (longest tier × attempt limit + replay window).
   */
  deleteOlderThan(cutoff: Date): Promise<number>;
  /** This process's holder id, recorded on every claim it makes. */
  readonly holderId: string;
  /** Stops renewing this process's liveness (also done when the store closes). Idempotent. */
  stopHeartbeat(): void;
}

export interface InboxOptions {
  /** Milliseconds since the epoch; lease times are the caller's clock. Defaults to Date.now. */
  clock?: () => number;
  /** This process's liveness record (see inbox-holder.ts): started by the first claim. */
  holder?: InboxHolderOptions;
  /**
   * How long a claim, done mark, release or renewal may wait for the database before it fails with
   * a RetryableError (INBOX_WRITE_TIMEOUT) and is tried again (default 30000 ms): a driver operation
   * can otherwise wait for ever after the server closed its connection (inbox-write-timeout-error.ts).
   */
  writeTimeoutMs?: number;
}

// A lost insert whose winner vanished (a concurrent reset or retention) is decided again, a few times.
const maxClaimRounds = 3;

export function createInbox(store: Store, options: InboxOptions = {}): Inbox {
  const clock = options.clock ?? Date.now;
  const logger = store.logger.child({ component: 'inbox' });
  const records: Collection<InboxRecord> = store.db.collection<InboxRecord>(collectionNames.inbox);
  const holderRecords = store.db.collection<HolderRecord>(collectionNames.inboxHolders);
  const holder = startableHolder(holderRecords, options.holder ?? {}, clock, logger);
  // Not on the client's topologyClosed: the store reconnects its client when the driver's monitor stalls.
  store.onClose(() => holder.stop());

  /**
   * The liveness of the processes holding the latest unreleased claims that are still within their
   * lease (only those can be taken over early): one read per such holder, on redeliveries only.
   */
  async function readHolders(
    recorded: ReadonlyMap<string, InboxRecord[]>,
  ): Promise<Map<string, Date | null>> {
    const now = clock();
    const wanted = new Set<string>();
    // Cut off from the database a moment ago, this process cannot tell dead holders from cut-off ones.
    if (!holder.mayJudgeOthers()) return new Map();
    for (const found of recorded.values()) {
      const latest = found
        .filter((record) => record.kind === 'claim')
        .reduce<ClaimRecord | undefined>(
          (last, claim) => (last === undefined || claim.epoch > last.epoch ? claim : last),
          undefined,
        );
      if (latest === undefined || latest.released || latest.holder === undefined) continue;
      if (latest.holder === holder.id || latest.leaseUntil.getTime() <= now) continue;
      wanted.add(latest.holder);
    }
    const holders = new Map<string, Date | null>();
    await Promise.all(
      [...wanted].map(async (id) => {
        const found = await holderRecords.findOne({ _id: id });
        holders.set(id, found === null ? null : found.aliveUntil);
      }),
    );
    return holders;
  }

  // FerretDB 1.x pushes an equality down to its backend but answers `$in` and `$or` by reading the whole
  // collection, so each message is read with its own equality query (on MongoDB, an index lookup each).
  async function readRecords(messages: ReadonlyArray<{ queue: string; messageId: string }>) {
    const keys = new Map(
      messages.map(({ queue, messageId }) => [messageKey(queue, messageId), { queue, messageId }]),
    );
    const byMessage = new Map<string, InboxRecord[]>();
    await Promise.all(
      [...keys].map(async ([key, { queue, messageId }]) => {
        const found = await records.find({ queue, messageId }).toArray();
        byMessage.set(key, found.map(parseRecord));
      }),
    );
    return byMessage;
  }

  async function readMessage(queue: string, messageId: string): Promise<InboxRecord[]> {
    return (await readRecords([{ queue, messageId }])).get(messageKey(queue, messageId)) ?? [];
  }

  async function readById(ids: readonly string[]): Promise<Map<string, InboxRecord>> {
    const found = await Promise.all([...new Set(ids)].map((id) => records.findOne({ _id: id })));
    return new Map(
      found.filter((document) => document !== null).map((document) => [document._id, parseRecord(document)]),
    );
  }

  /**
   * Most deliveries are first deliveries: inserting their epoch-1 claim outright decides them in one
   * round trip. Where epoch 1 exists (a redelivery, a retry, a reset) the full read-and-decide path runs.
   */
  async function claimFirstDeliveries(
    requests: readonly InboxClaimRequest[],
    outcomes: Array<ClaimOutcome | undefined>,
  ): Promise<Array<{ request: InboxClaimRequest; position: number }>> {
    const plans = requests.map((request) => firstClaim(request, clock(), { holder: holder.id }));
    const lost = await store.inserts.insertNew(
      records,
      plans.map((plan) => plan.record),
    );
    const undecided: Array<{ request: InboxClaimRequest; position: number }> = [];
    for (const [position, request] of requests.entries()) {
      const plan = plans[position];
      if (plan !== undefined && !lost.has(position)) outcomes[position] = plan.outcome;
      else undecided.push({ request, position });
    }
    return undecided;
  }

  async function claimMany(requests: readonly InboxClaimRequest[]): Promise<ClaimOutcome[]> {
    // A claim names its holder only once the holder's liveness is on record, so no reader ever finds a
    // claim whose holder looks dead merely because its first heartbeat has not landed yet.
    await holder.alive();
    const outcomes = new Array<ClaimOutcome | undefined>(requests.length).fill(undefined);
    let undecided = await claimFirstDeliveries(requests, outcomes);
    for (let round = 0; round < maxClaimRounds && undecided.length > 0; round += 1) {
      const recorded = await readRecords(undecided.map(({ request }) => request));
      const claimant = { holder: holder.id, holders: await readHolders(recorded) };
      const now = clock();
      const inserts: Array<{ request: InboxClaimRequest; position: number; plan: InsertPlan }> = [];
      for (const { request, position } of undecided) {
        const plan = decideClaim(
          request,
          recorded.get(messageKey(request.queue, request.messageId)) ?? [],
          now,
          claimant,
        );
        if (plan.kind === 'settled') outcomes[position] = plan.outcome;
        else inserts.push({ request, position, plan });
      }
      const lost = await store.inserts.insertNew(
        records,
        inserts.map(({ plan }) => plan.record),
      );
      const losers = inserts.filter((_, index) => lost.has(index));
      for (const [index, { position, plan }] of inserts.entries()) {
        if (lost.has(index)) continue;
        outcomes[position] = plan.outcome;
        logTransition(plan.record);
      }
      if (losers.length === 0) break;
      // Another delivery inserted the same record first: it won, and its record says what we get.
      const winners = await readById(losers.map(({ plan }) => plan.record._id));
      undecided = [];
      for (const { request, position, plan } of losers) {
        const outcome = outcomeAfterLostInsert(request, winners.get(plan.record._id));
        if (outcome === undefined) undecided.push({ request, position });
        else outcomes[position] = outcome;
      }
    }
    const decided = outcomes.filter((outcome) => outcome !== undefined);
    if (decided.length !== requests.length) {
      throw new RetryableError(
        StoreErrorCode.inboxContended,
        'inbox records kept changing under a claim; try again',
      );
    }
    return decided;
  }

  /** One unordered insert for every done record; only those that lost read what won. */
  async function markDoneMany(claims: readonly InboxClaim[]): Promise<DoneMarkOutcome[]> {
    const createdAt = new Date(clock());
    const done = claims.map(({ queue, messageId, payloadHash, epoch }): DoneRecord => ({
      _id: doneRecordId(queue, messageId),
      kind: 'done',
      queue,
      messageId,
      payloadHash,
      epoch,
      createdAt,
    }));
    const lost = await store.inserts.insertNew(records, done);
    // Another holder (a stale one that was taken over, or a copy in this batch) finished first: fine if
    // it ran the same payload.
    const winners = await readById(done.filter((_, position) => lost.has(position)).map(({ _id }) => _id));
    return claims.map(({ payloadHash }, position): DoneMarkOutcome => {
      const id = done[position]?._id;
      const winner = lost.has(position) && id !== undefined ? winners.get(id) : undefined;
      return winner?.kind === 'done' && !matches(winner.payloadHash, payloadHash)
        ? { kind: 'reused-id' }
        : { kind: 'recorded' };
    });
  }

  function logTransition(record: ClaimRecord | CrashLoopRecord): void {
    const { queue, messageId } = record;
    if (record.kind === 'crash-loop') {
      logger.warn({ queue, messageId, crashes: record.crashes }, 'message is in a crash loop');
    } else if (record.crashed) {
      logger.warn({ queue, messageId, epoch: record.epoch }, 'took over a claim whose holder died');
    }
  }

  const writeTimeoutMs = options.writeTimeoutMs ?? 30_000;
  const bounded =
    <A extends unknown[], R>(what: string, write: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      withinDeadline(what, writeTimeoutMs, write(...args));

  return {
    holderId: holder.id,
    stopHeartbeat: () => holder.stop(),
    claimMany: bounded('claim', claimMany),

    async claim(request) {
      const [outcome] = await withinDeadline('claim', writeTimeoutMs, claimMany([request]));
      if (outcome === undefined) throw new RangeError('claimMany returned no outcome for one request');
      return outcome;
    },

    renew: bounded('lease renewal', async (claim: InboxClaim, leaseMs: number) => {
      const { queue, messageId, epoch } = claim;
      const renewed = await records.updateOne(
        { _id: claimRecordId(queue, messageId, epoch) },
        { $set: { leaseUntil: new Date(clock() + leaseMs) } },
      );
      if (renewed.matchedCount === 0) return false;
      const successor = await records.findOne(
        { _id: claimRecordId(queue, messageId, epoch + 1) },
        { projection: { _id: 1 } },
      );
      return successor === null;
    }),

    markDoneMany: bounded('done-mark', markDoneMany),

    async markDone(claim) {
      const [outcome] = await withinDeadline('done-mark', writeTimeoutMs, markDoneMany([claim]));
      if (outcome?.kind === 'reused-id') {
        throw new PermanentError(
          ContractsErrorCode.inboxReusedId,
          `message ${claim.messageId} on ${claim.queue} is done with another payload`,
        );
      }
    },

    release: bounded('release', async (claim: InboxClaim) => {
      const { queue, messageId, epoch } = claim;
      await records.updateOne({ _id: claimRecordId(queue, messageId, epoch) }, { $set: { released: true } });
    }),

    isolate: bounded('isolation', async (claim: InboxClaim) => {
      const { queue, messageId, epoch } = claim;
      await records.updateOne({ _id: claimRecordId(queue, messageId, epoch) }, { $set: { solo: true } });
    }),

    async reset(queue, messageId) {
      for (let round = 0; round < maxClaimRounds; round += 1) {
        const existing = await readMessage(queue, messageId);
        if (existing.length === 0) return;
        const lastEpoch = Math.max(...existing.map((record) => ('epoch' in record ? record.epoch : 0)));
        const now = clock();
        const marker: ClaimRecord = {
          _id: claimRecordId(queue, messageId, lastEpoch + 1),
          kind: 'claim',
          queue,
          messageId,
          epoch: lastEpoch + 1,
          payloadHash: null,
          leaseUntil: new Date(now),
          released: true,
          crashed: false,
          createdAt: new Date(now),
        };
        // The marker goes in first: a claim racing the reset sees either the old state or the marker,
        // and only records read above are deleted, never a claim made after the marker.
        const lost = await store.inserts.insertNew(records, [marker]);
        if (lost.size > 0) continue;
        // The epoch-1 claim stays: it sends the next delivery down the full claim path, which finds
        // the marker and claims after it, so epochs (fencing tokens) never go back to 1.
        const firstClaimId = claimRecordId(queue, messageId, 1);
        const obsolete = existing.map((record) => record._id).filter((id) => id !== firstClaimId);
        for (const id of obsolete) await records.deleteOne({ _id: id });
        logger.info({ queue, messageId, epoch: marker.epoch }, 'inbox record reset');
        return;
      }
      throw new RetryableError(
        StoreErrorCode.inboxContended,
        `inbox record of ${messageId} on ${queue} kept changing; try again`,
      );
    },

    async status(queue, messageId) {
      const existing = await readMessage(queue, messageId);
      if (existing.some((record) => record.kind === 'done')) return 'done';
      if (existing.some((record) => record.kind === 'crash-loop')) return 'crash-loop';
      const claims = existing.filter((record) => record.kind === 'claim').sort((a, b) => a.epoch - b.epoch);
      const latest = claims.at(-1);
      return latest === undefined || latest.released ? 'absent' : 'in-progress';
    },

    async deleteOlderThan(cutoff) {
      const deleted = await records.deleteMany({
        createdAt: { $lt: cutoff },
        $or: [{ kind: { $ne: 'claim' } }, { leaseUntil: { $lt: cutoff } }],
      });
      // Holders long dead: a claim naming a holder that is gone counts as the holder's death.
      await holderRecords.deleteMany({ aliveUntil: { $lt: cutoff } });
      return deleted.deletedCount;
    },
  };
}

function messageKey(queue: string, messageId: string): string {
  return `${queue}\u001f${messageId}`;
}

function parseRecord(document: unknown): InboxRecord {
  const parsed = inboxRecordSchema.safeParse(document);
  if (!parsed.success) {
    throw new PermanentError(
      StoreErrorCode.inboxRecordInvalid,
      `unreadable inbox record: ${parsed.error.message}`,
    );
  }
  return parsed.data;
}
