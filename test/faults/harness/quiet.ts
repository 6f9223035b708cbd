// "Read only when quiet": the ledger is read once the system has nothing left in flight, so that an
// effect applied late (a redelivery, a retry, a takeover) is counted. Quiet means every watched queue
// (the stack's work and dead-letter queues, the retry tiers) holds no message, ready or unacknowledged,
// and no inbox claim is live (unreleased, lease running, not done, not taken over). The wait is bounded:
// past the bound the answer is "not quiet after N s" with what was still busy, never a clean ledger.
import { setTimeout as sleep } from 'node:timers/promises';
import { collectionNames } from '@conveyor/store';
import type { Db } from 'mongodb';
import type { QueueDepth } from './private-rabbitmq.ts';

export interface QuietSources {
  readonly db: Db;
  /** Every queue of the broker with its depth (rabbitmqctl list_queues on the private node). */
  listQueues(): Promise<readonly QueueDepth[]>;
  /** The queues that count: the stack's own and the retry tiers. */
  isWatchedQueue(name: string): boolean;
}

export type QuietOutcome =
  | { readonly quiet: true; readonly waitedMs: number }
  | { readonly quiet: false; readonly waitedMs: number; readonly busy: readonly string[] };

interface ClaimView {
  queue: string;
  messageId: string;
  epoch: number;
  kind: string;
  released?: boolean;
  leaseUntil?: Date;
}

const pollMs = 1_000;
const retryTierPrefix = 'conveyor.retry.';

/** The queues of a stack whose queue names start with `prefix.`, and every retry tier. */
export function stackQueues(prefix: string): (name: string) => boolean {
  return (name) => name.startsWith(`${prefix}.`) || name.startsWith(retryTierPrefix);
}

/** What is still busy now: "queue q: 2 messages (1 unacknowledged)", "live inbox claim q/id". */
export async function busyNow(sources: QuietSources): Promise<string[]> {
  const queues = (await sources.listQueues())
    .filter((queue) => sources.isWatchedQueue(queue.name) && queue.messages + queue.unacknowledged > 0)
    .map(
      (queue) =>
        `queue ${queue.name}: ${String(queue.messages)} messages (${String(queue.unacknowledged)} unacknowledged)`,
    );
  const claims = (await liveClaims(sources.db)).map(
    (claim) => `live inbox claim ${claim.queue} ${claim.messageId} (epoch ${String(claim.epoch)})`,
  );
  return [...queues, ...claims];
}

/** Claims whose holder may still act: the latest epoch of a message, unreleased, leased, not done. */
export async function liveClaims(db: Db, now = new Date()): Promise<ClaimView[]> {
  const records = db.collection<ClaimView>(collectionNames.inbox);
  // FerretDB 1.x pushes equalities down; the lease comparison is done here.
  const leased = (
    await records
      .find(
        { kind: 'claim', released: false },
        { projection: { _id: 0, queue: 1, messageId: 1, epoch: 1, kind: 1, leaseUntil: 1 } },
      )
      .toArray()
  ).filter((claim) => claim.leaseUntil !== undefined && claim.leaseUntil > now);
  const live = await Promise.all(
    leased.map(async (claim) => {
      const ofMessage = await records
        .find(
          { queue: claim.queue, messageId: claim.messageId },
          { projection: { _id: 0, kind: 1, epoch: 1 } },
        )
        .toArray();
      const done = ofMessage.some((record) => record.kind === 'done');
      const superseded = ofMessage.some((record) => record.kind === 'claim' && record.epoch > claim.epoch);
      return done || superseded ? undefined : claim;
    }),
  );
  return live.filter((claim) => claim !== undefined);
}

/** Polls until quiet, at most `boundMs`; the last busy list when the bound passed. */
export async function waitQuiet(sources: QuietSources, boundMs: number): Promise<QuietOutcome> {
  const started = performance.now();
  for (;;) {
    const busy = await busyNow(sources);
    const waitedMs = performance.now() - started;
    if (busy.length === 0) return { quiet: true, waitedMs };
    if (waitedMs >= boundMs) return { quiet: false, waitedMs, busy };
    await sleep(Math.min(pollMs, Math.max(0, boundMs - waitedMs)));
  }
}

/** The cell and note for a system that did not go quiet: "not quiet after 30 s". */
export function notQuietText(outcome: QuietOutcome): string | undefined {
  return outcome.quiet ? undefined : `not quiet after ${(outcome.waitedMs / 1000).toFixed(0)} s`;
}
