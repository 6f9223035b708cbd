// The inbox state machine as a pure function: from the records of one (queue, messageId), what a new
// delivery gets, and which record it must insert to get it. No I/O here, so every branch is unit-tested.
import type { ClaimOutcome, InboxClaimRequest } from '@conveyor/contracts';
import {
  claimRecordId,
  crashLoopRecordId,
  type ClaimRecord,
  type CrashLoopRecord,
  type InboxRecord,
} from './inbox-records.ts';

/** The outcome holds only if this record's insert wins; a duplicate key means another delivery won. */
export interface InsertPlan {
  kind: 'insert';
  record: ClaimRecord | CrashLoopRecord;
  outcome: ClaimOutcome;
}

export type ClaimPlan =
  /** Nothing to write: the outcome follows from what is recorded. */
  { kind: 'settled'; outcome: ClaimOutcome } | InsertPlan;

export function decideClaim(
  request: InboxClaimRequest,
  records: readonly InboxRecord[],
  now: number,
): ClaimPlan {
  const { queue, messageId, payloadHash } = request;
  const done = records.find((record) => record.kind === 'done');
  if (done !== undefined) {
    return settled(matches(done.payloadHash, payloadHash) ? { kind: 'done' } : { kind: 'reused-id' });
  }
  const crashLoop = records.find((record) => record.kind === 'crash-loop');
  if (crashLoop !== undefined) return settled({ kind: 'crash-loop', crashes: crashLoop.crashes });

  const claims = records.filter((record) => record.kind === 'claim').sort((a, b) => a.epoch - b.epoch);
  const latest = claims.at(-1);
  if (latest === undefined) return insertClaim(request, 1, false, 0, now);
  if (!matches(latest.payloadHash, payloadHash)) return settled({ kind: 'reused-id' });

  const earlierCrashes = claims.filter((claim) => claim.crashed).length;
  if (latest.released) return insertClaim(request, latest.epoch + 1, false, earlierCrashes, now);
  if (latest.leaseUntil.getTime() > now) return settled({ kind: 'held', leaseExpiresAt: latest.leaseUntil });

  // The latest holder's lease ran out and it never released: it died holding the message.
  const crashes = earlierCrashes + 1;
  if (crashes > request.crashLimit) {
    const record: CrashLoopRecord = {
      _id: crashLoopRecordId(queue, messageId),
      kind: 'crash-loop',
      queue,
      messageId,
      crashes,
      createdAt: new Date(now),
    };
    return { kind: 'insert', record, outcome: { kind: 'crash-loop', crashes } };
  }
  return insertClaim(request, latest.epoch + 1, true, crashes, now);
}

/** What a delivery gets when its insert lost to `winner`; undefined when the winner is gone (decide again). */
export function outcomeAfterLostInsert(
  request: InboxClaimRequest,
  winner: InboxRecord | undefined,
): ClaimOutcome | undefined {
  if (winner === undefined) return undefined;
  switch (winner.kind) {
    case 'claim':
      return matches(winner.payloadHash, request.payloadHash)
        ? { kind: 'held', leaseExpiresAt: winner.leaseUntil }
        : { kind: 'reused-id' };
    case 'crash-loop':
      return { kind: 'crash-loop', crashes: winner.crashes };
    case 'done':
      return matches(winner.payloadHash, request.payloadHash) ? { kind: 'done' } : { kind: 'reused-id' };
  }
}

/** A null recorded hash comes from `reset`, which forgets the payload on purpose. */
export function matches(recorded: string | null, incoming: string): boolean {
  return recorded === null || recorded === incoming;
}

function settled(outcome: ClaimOutcome): ClaimPlan {
  return { kind: 'settled', outcome };
}

/** The claim a first delivery makes: epoch 1, no crash behind it. */
export function firstClaim(request: InboxClaimRequest, now: number): InsertPlan {
  return insertClaim(request, 1, false, 0, now);
}

function insertClaim(
  request: InboxClaimRequest,
  epoch: number,
  crashed: boolean,
  crashes: number,
  now: number,
): InsertPlan {
  const { queue, messageId, payloadHash, leaseMs } = request;
  const record: ClaimRecord = {
    _id: claimRecordId(queue, messageId, epoch),
    kind: 'claim',
    queue,
    messageId,
    epoch,
    payloadHash,
    leaseUntil: new Date(now + leaseMs),
    released: false,
    crashed,
    createdAt: new Date(now),
  };
  return {
    kind: 'insert',
    record,
    outcome: { kind: 'acquired', claim: { queue, messageId, payloadHash, epoch, crashes } },
  };
}
