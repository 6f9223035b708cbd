// Per kill -9, how long the messages the killed process held waited before they were handled again,
// read from the inbox records once the scenario is quiet. A message was held at the kill when its
// latest claim then was unreleased, leased and not done; the killed process's claims are those whose
// holder never finished (no done record of that epoch, never released). It was handled again when the
// next epoch's claim was made (a takeover: the next holder runs the handler). Claims of the processes
// that survived end in their own done record and are not counted.
import { collectionNames } from '@conveyor/store';
import type { Db } from 'mongodb';

export interface HeldMessagesAtKill {
  /** When the kill had taken effect (the process had exited), ms since the epoch. */
  readonly killedAt: number;
  /** Per held message, ms from the kill to its next claim; undefined when it was never claimed again. */
  readonly handledAgainMs: ReadonlyArray<number | undefined>;
}

interface InboxView {
  kind: string;
  queue: string;
  messageId: string;
  epoch?: number;
  released?: boolean;
  leaseUntil?: Date;
  createdAt: Date;
}

export async function heldMessagesAtKills(
  db: Db,
  killedAt: readonly number[],
): Promise<HeldMessagesAtKill[]> {
  if (killedAt.length === 0) return [];
  const records = await db
    .collection<InboxView>(collectionNames.inbox)
    .find(
      { kind: { $in: ['claim', 'done'] } },
      {
        projection: {
          _id: 0,
          kind: 1,
          queue: 1,
          messageId: 1,
          epoch: 1,
          released: 1,
          leaseUntil: 1,
          createdAt: 1,
        },
      },
    )
    .toArray();
  const byMessage = new Map<string, InboxView[]>();
  for (const record of records) {
    const key = `${record.queue}\u001f${record.messageId}`;
    const list = byMessage.get(key) ?? [];
    list.push(record);
    byMessage.set(key, list);
  }
  // A claim still waiting at the next kill was the earlier kill's: each claim is counted once.
  const counted = new Set<string>();
  return [...killedAt]
    .sort((a, b) => a - b)
    .map((kill) => ({
      killedAt: kill,
      handledAgainMs: [...byMessage].flatMap(([key, ofMessage]) => {
        const held = heldAt(ofMessage, kill);
        if (held === undefined || counted.has(`${key}\u001f${String(held.epoch)}`)) return [];
        counted.add(`${key}\u001f${String(held.epoch)}`);
        return [held.handledAgainMs];
      }),
    }));
}

/** The claim a process that died at `kill` held, and ms from the kill to the message's next claim. */
function heldAt(
  ofMessage: readonly InboxView[],
  kill: number,
): { epoch: number; handledAgainMs: number | undefined } | undefined {
  const claims = ofMessage.filter((record) => record.kind === 'claim');
  const done = ofMessage.find((record) => record.kind === 'done');
  if (done !== undefined && done.createdAt.getTime() <= kill) return undefined;
  const before = claims.filter((claim) => claim.createdAt.getTime() <= kill);
  const latest = before.reduce<InboxView | undefined>(
    (found, claim) => (found === undefined || (claim.epoch ?? 0) > (found.epoch ?? 0) ? claim : found),
    undefined,
  );
  if (latest === undefined || latest.released === true) return undefined;
  if ((latest.leaseUntil?.getTime() ?? 0) < kill) return undefined;
  const epoch = latest.epoch ?? 0;
  // Its holder finished it: a survivor's claim.
  if (done !== undefined && done.epoch === epoch) return undefined;
  const next = claims
    .filter((claim) => (claim.epoch ?? 0) > epoch)
    .map((claim) => claim.createdAt.getTime())
    .sort((a, b) => a - b)[0];
  return { epoch, handledAgainMs: next === undefined ? undefined : next - kill };
}

/** The p-th percentile (0..100) by nearest rank; undefined for no values. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}
