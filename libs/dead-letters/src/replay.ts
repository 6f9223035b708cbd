// Operator actions on archived dead letters. Replay publishes to the original queue (an unroutable
// letter: to the exchange it was published to) with a fresh attempt count and resets that message's
// inbox record; a message whose effect is recorded as done is reported as such instead of being
// silently skipped downstream. A letter is replayed once: a second replay (a double click, two CLI
// calls) is refused as `already-replayed`, arbitrated by an insert (replay-claims.ts), since a second
// reset after the first copy ran would run its effect again.
import { Header, type Publisher } from '@conveyor/bus';
import {
  decodeDeadLetterBody,
  type DeadLetterEntry,
  type DeadLetterStore,
  type Inbox,
} from '@conveyor/store';
import type { Logger } from 'pino';
import type { ReplayClaim, ReplayClaims } from './replay-claims.ts';

export type ReplayResult =
  | { status: 'replayed'; id: string; queue: string; messageId: string }
  | { status: 'already-done'; id: string; queue: string; messageId: string }
  /** Replayed before, or being replayed right now by another request, since `since`. */
  | { status: 'already-replayed'; id: string; queue: string; messageId: string; since: Date }
  | { status: 'not-found'; id: string };

export interface ReplayOptions {
  /** Replay even when the inbox records the message as done (its effect will happen again). */
  force?: boolean;
}

export interface ReplayerOptions {
  publisher: Publisher;
  deadLetters: DeadLetterStore;
  inbox: Pick<Inbox, 'status' | 'reset'>;
  /** `createReplayClaims(store)`: one replay per letter, whichever process asks. */
  claims: ReplayClaims;
  logger: Logger;
  /**
   * How long a claim may stay without its letter marked replayed before another replay takes it over
   * (its process died between claim and publish); 60 s. A replay takes milliseconds.
   */
  claimLeaseMs?: number;
  /** Milliseconds since the epoch; Date.now by default. */
  clock?: () => number;
}

/** Headers that describe the previous life of the message and must not follow it into the next one. */
const resetHeaders = [
  Header.attempt,
  Header.deferrals,
  Header.deadLetterReason,
  Header.deadLetterError,
  Header.deadLetterAttempts,
  Header.deadLetterQueue,
  Header.deadLetterAt,
  'x-death',
  'x-first-death-exchange',
  'x-first-death-queue',
  'x-first-death-reason',
  'x-delivery-count',
];

export function createReplayer(replayer: ReplayerOptions) {
  const { publisher, deadLetters, inbox, claims, logger } = replayer;
  const claimLeaseMs = replayer.claimLeaseMs ?? 60_000;
  const clock = replayer.clock ?? Date.now;

  /** A claim nobody will finish: given back, or older than the lease with its letter not replayed. */
  function abandoned(claim: ReplayClaim, now: number): boolean {
    return claim.released || now - claim.claimedAt.getTime() >= claimLeaseMs;
  }

  async function replayEntry(entry: DeadLetterEntry, options: ReplayOptions): Promise<ReplayResult> {
    // A message that arrived without an id gets one now, derived from the letter, so that every copy
    // of this replay carries the same id: without one the inbox cannot guard it.
    const messageId = entry.messageId ?? `replay:${entry.id}`;
    const alreadyReplayed = (since: Date): ReplayResult => ({
      status: 'already-replayed',
      id: entry.id,
      queue: entry.queue,
      messageId,
      since,
    });
    // An unroutable letter never reached a queue, so no inbox knows it: it goes back to where it was
    // published, to every queue bound there now (or to the alternate exchange again if still none is).
    const target =
      entry.origin === null
        ? { exchange: '', routingKey: entry.queue }
        : { exchange: entry.origin.exchange, routingKey: entry.origin.routingKey };
    /** The id the inbox of the letter's queue knows the message by; null when no inbox knows it. */
    const inboxMessageId = entry.origin === null ? entry.messageId : null;

    // Read first, for the answer; the insert below is what arbitrates.
    const now = clock();
    const previous = await claims.latest(entry.id);
    if (entry.replayedAt !== null) return alreadyReplayed(entry.replayedAt);
    if (previous !== undefined && !abandoned(previous, now)) return alreadyReplayed(previous.claimedAt);
    if (inboxMessageId !== null) {
      const status = await inbox.status(entry.queue, inboxMessageId);
      if (status === 'done' && options.force !== true) {
        return { status: 'already-done', id: entry.id, queue: entry.queue, messageId };
      }
      // Taking over a replay that died after its publish: its copy is being handled right now, and a
      // reset would let this copy run beside it.
      if (previous !== undefined && status === 'in-progress') return alreadyReplayed(previous.claimedAt);
    }
    const claim = await claims.claim(entry.id, previous, new Date(now));
    if (claim === undefined) {
      logger.info(
        { id: entry.id, queue: entry.queue, messageId },
        'dead letter replay refused: claimed by another replay',
      );
      return alreadyReplayed((await claims.latest(entry.id))?.claimedAt ?? new Date(now));
    }

    if (inboxMessageId !== null) {
      try {
        await inbox.reset(entry.queue, inboxMessageId);
      } catch (error) {
        // Nothing was published: the letter may be replayed again at once (else after the lease).
        await claims
          .release(claim)
          .catch((releaseError: unknown) =>
            logger.warn({ err: releaseError, id: entry.id }, 'replay claim not given back; it lapses'),
          );
        throw error;
      }
    }
    const headers = Object.fromEntries(
      Object.entries({ ...entry.properties.headers, [Header.replayedFrom]: entry.id }).filter(
        ([name]) => !resetHeaders.includes(name),
      ),
    );
    // A failed publish keeps its claim: the broker may have taken the message before the failure.
    // After the lease a replay takes it over, and refuses while that copy is being handled.
    await publisher.forward({
      ...target,
      type: entry.type ?? '',
      body: decodeDeadLetterBody(entry),
      messageId,
      correlationId: entry.properties.correlationId ?? undefined,
      priority: entry.properties.priority ?? undefined,
      tenant: entry.tenant ?? undefined,
      attempt: 1,
      headers,
    });
    await deadLetters.markReplayed(entry.id, new Date());
    logger.info({ id: entry.id, queue: entry.queue, messageId, claim: claim._id }, 'dead letter replayed');
    return { status: 'replayed', id: entry.id, queue: entry.queue, messageId };
  }

  return {
    async replay(id: string, options: ReplayOptions = {}): Promise<ReplayResult> {
      const entry = await deadLetters.get(id);
      if (entry === null) return { status: 'not-found', id };
      return replayEntry(entry, options);
    },

    /** Replays every archived letter of a queue (optionally of one reason), page by page. */
    async replayAll(
      filter: { queue: string; reason?: string },
      options: ReplayOptions & { onProgress?: (result: ReplayResult) => void } = {},
    ): Promise<ReplayResult[]> {
      const results: ReplayResult[] = [];
      let after: string | undefined;
      do {
        const page = await deadLetters.list({ ...filter, limit: 100, after });
        for (const entry of page.entries) {
          if (entry.replayedAt !== null) continue;
          const result = await replayEntry(entry, options);
          results.push(result);
          options.onProgress?.(result);
        }
        after = page.next ?? undefined;
      } while (after !== undefined);
      return results;
    },
  };
}

export type Replayer = ReturnType<typeof createReplayer>;
