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

/** Who claims, and what is known of the holders of the claims found. */
export interface Claimant {
  /** The claiming process's holder id, recorded on the claim it inserts. */
  holder?: string | undefined;
  /**
   * `aliveUntil` of holders read for this decision. A claim whose holder is listed with a past time, or
   * read and not found (listed as null), died with its process: taken over without waiting for its
   * lease. A holder not listed at all is not judged (the lease alone decides, as for old records).
   */
  holders?: ReadonlyMap<string, Date | null>;
}

export function decideClaim(
  request: InboxClaimRequest,
  records: readonly InboxRecord[],
  now: number,
  claimant: Claimant = {},
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
  if (latest === undefined) return insertClaim(request, 1, false, 0, now, claimant);
  if (!matches(latest.payloadHash, payloadHash)) return settled({ kind: 'reused-id' });

  const earlierCrashes = deathsAlone(claims);
  if (latest.released) return insertClaim(request, latest.epoch + 1, false, earlierCrashes, now, claimant);
  if (request.claimToken !== undefined && latest.claimToken === request.claimToken) {
    // This delivery's own earlier try inserted it; only the answer was lost.
    return settled({
      kind: 'acquired',
      claim: {
        queue,
        messageId,
        payloadHash,
        epoch: latest.epoch,
        crashes: earlierCrashes,
        suspect: latest.crashed,
      },
    });
  }
  if (latest.leaseUntil.getTime() > now && !holderDied(latest, claimant, now)) {
    const holderAliveUntil = latest.holder === undefined ? undefined : claimant.holders?.get(latest.holder);
    return settled(
      holderAliveUntil instanceof Date
        ? { kind: 'held', leaseExpiresAt: latest.leaseUntil, holderAliveUntil }
        : { kind: 'held', leaseExpiresAt: latest.leaseUntil },
    );
  }

  // The latest holder's lease ran out, or its process stopped renewing its liveness, and it never
  // released: it died holding the message. Only a death while it ran alone is this message's crash.
  const crashes = earlierCrashes + (latest.solo === true ? 1 : 0);
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
  return insertClaim(request, latest.epoch + 1, true, crashes, now, claimant);
}

/** Claims (in epoch order) whose holder ran the message alone and died: the next claim took over. */
function deathsAlone(claims: readonly ClaimRecord[]): number {
  return claims.filter((claim, index) => claim.solo === true && claims[index + 1]?.crashed === true).length;
}

/** The claim's holder process is known and its liveness ran out (or its record is gone). */
export function holderDied(claim: ClaimRecord, claimant: Claimant, now: number): boolean {
  if (claim.holder === undefined || claim.holder === claimant.holder) return false;
  const aliveUntil = claimant.holders?.get(claim.holder);
  if (aliveUntil === undefined) return false;
  return aliveUntil === null || aliveUntil.getTime() <= now;
}

/** What a delivery gets when its insert lost to `winner`; undefined when the winner is gone (decide again). */
export function outcomeAfterLostInsert(
  request: InboxClaimRequest,
  winner: InboxRecord | undefined,
): ClaimOutcome | undefined {
  if (winner === undefined) return undefined;
  switch (winner.kind) {
    case 'claim':
      // Our own earlier try won: decide again, and the record read back says `acquired`.
      if (request.claimToken !== undefined && winner.claimToken === request.claimToken) return undefined;
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
export function firstClaim(request: InboxClaimRequest, now: number, claimant: Claimant = {}): InsertPlan {
  return insertClaim(request, 1, false, 0, now, claimant);
}

function insertClaim(
  request: InboxClaimRequest,
  epoch: number,
  crashed: boolean,
  crashes: number,
  now: number,
  claimant: Claimant = {},
): InsertPlan {
  const { queue, messageId, payloadHash, leaseMs, claimToken } = request;
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
    ...(claimant.holder === undefined ? {} : { holder: claimant.holder }),
    ...(claimToken === undefined ? {} : { claimToken }),
  };
  return {
    kind: 'insert',
    record,
    outcome: {
      kind: 'acquired',
      claim: { queue, messageId, payloadHash, epoch, crashes, suspect: crashed },
    },
  };
}
