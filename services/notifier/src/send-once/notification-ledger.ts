// Who sends a notification, and whether it was sent. Every contested step is an insert on a unique
// _id (FerretDB updates are not isolated): the record itself for the first sender, a takeover
// document for each later one. Only the claim's holder updates the record afterwards.
import { RetryableError } from '@conveyor/contracts';
import { isDuplicateKeyError, type Store } from '@conveyor/store';
import type { Collection } from 'mongodb';
import { notifierCollections } from '../collections.ts';
import { NotifierErrorCode } from '../notifier-error-codes.ts';
import {
  notificationId,
  notificationRecord,
  notificationTakeover,
  takeoverId,
  type NotificationRecord,
  type NotificationTakeover,
  type NotificationTarget,
} from './notification-record.ts';

export interface NotificationClaim {
  id: string;
  attempt: number;
  holder: string;
}

export type BeginOutcome =
  { kind: 'claimed'; claim: NotificationClaim } | { kind: 'already-sent'; record: NotificationRecord };

export interface NotificationLedger {
  /**
   * Claims the right to send. `holder` is the delivery's messageId: a later delivery of the same
   * message may take its own claim back at once (the inbox runs one delivery of a message at a time).
   * Throws a RetryableError (NOTIFICATION_IN_PROGRESS) while another live sender holds it.
   */
  begin(target: NotificationTarget, holder: string): Promise<BeginOutcome>;
  markSent(claim: NotificationClaim, detail: string): Promise<void>;
  /** Releases the claim so that the next delivery tries again at once. */
  markFailed(claim: NotificationClaim, reason: string): Promise<void>;
}

export interface NotificationLedgerOptions {
  /** How long a claim protects a sender; must exceed the handler's deadline. */
  leaseMs: number;
  clock?: () => number;
}

// Takeovers whose taker died before updating the record are skipped, a few at a time.
const maxTakeoverRounds = 5;

export function createNotificationLedger(
  store: Pick<Store, 'db' | 'inserts'>,
  options: NotificationLedgerOptions,
): NotificationLedger {
  const { db } = store;
  const clock = options.clock ?? Date.now;
  const records: Collection<NotificationRecord> = db.collection(notifierCollections.notifications);
  const takeovers: Collection<NotificationTakeover> = db.collection(
    notifierCollections.notificationTakeovers,
  );

  function inProgress(id: string, by: string): RetryableError {
    return new RetryableError(
      NotifierErrorCode.notificationInProgress,
      `notification ${id} is being sent by ${by}`,
    );
  }

  async function insertFirst(
    target: NotificationTarget,
    id: string,
    holder: string,
  ): Promise<NotificationClaim | undefined> {
    const now = new Date(clock());
    const inserted = await store.inserts.insertIfNew(records, {
      _id: id,
      ...target,
      state: 'sending',
      attempt: 1,
      holder,
      leaseUntil: new Date(now.getTime() + options.leaseMs),
      createdAt: now,
      updatedAt: now,
      sentAt: null,
      detail: null,
    });
    return inserted ? { id, attempt: 1, holder } : undefined;
  }

  async function takeOver(record: NotificationRecord, holder: string): Promise<BeginOutcome> {
    let attempt = record.attempt + 1;
    for (let round = 0; round < maxTakeoverRounds; round += 1, attempt += 1) {
      const now = clock();
      const leaseUntil = new Date(now + options.leaseMs);
      try {
        await takeovers.insertOne({
          _id: takeoverId(record._id, attempt),
          notificationId: record._id,
          tenantId: record.tenantId,
          attempt,
          holder,
          leaseUntil,
          createdAt: new Date(now),
        });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const taken = notificationTakeover.parse(
          await takeovers.findOne({ _id: takeoverId(record._id, attempt) }),
        );
        if (taken.holder !== holder && taken.leaseUntil.getTime() > now)
          throw inProgress(record._id, taken.holder);
        // Expired: its taker died before updating the record; try the next attempt number. Ours: an
        // earlier delivery of this message won it and failed before updating the record; go on.
        if (taken.holder !== holder) continue;
      }
      const updated = await records.updateOne(
        { _id: record._id, state: { $ne: 'sent' } },
        { $set: { state: 'sending', attempt, holder, leaseUntil, updatedAt: new Date(now) } },
      );
      if (updated.matchedCount === 0) return alreadySent(record._id);
      return { kind: 'claimed', claim: { id: record._id, attempt, holder } };
    }
    throw inProgress(record._id, 'senders that keep dying');
  }

  async function alreadySent(id: string): Promise<BeginOutcome> {
    return { kind: 'already-sent', record: notificationRecord.parse(await records.findOne({ _id: id })) };
  }

  return {
    async begin(target, holder) {
      const id = notificationId(target);
      // Most notifications are sent once: the insert alone claims them. Where a record exists (a retry,
      // a redelivery, a concurrent sender) it decides; two rounds, for a record removed in between.
      for (let round = 0; round < 2; round += 1) {
        const claim = await insertFirst(target, id, holder);
        if (claim !== undefined) return { kind: 'claimed', claim };
        const found = await records.findOne({ _id: id });
        if (found === null) continue;
        const record = notificationRecord.parse(found);
        if (record.state === 'sent') return { kind: 'already-sent', record };
        const live = record.state === 'sending' && record.leaseUntil.getTime() > clock();
        if (live && record.holder !== holder) throw inProgress(id, record.holder);
        return takeOver(record, holder);
      }
      throw inProgress(id, 'a concurrent delivery');
    },

    async markSent(claim, detail) {
      const now = new Date(clock());
      // A stale holder that did send may mark it too: "sent" is true whoever says it.
      await records.updateOne(
        { _id: claim.id },
        { $set: { state: 'sent', sentAt: now, detail, updatedAt: now } },
      );
    },

    async markFailed(claim, reason) {
      const now = new Date(clock());
      await records.updateOne(
        { _id: claim.id, attempt: claim.attempt, state: 'sending' },
        { $set: { state: 'failed', leaseUntil: now, detail: reason.slice(0, 1_000), updatedAt: now } },
      );
    },
  };
}
