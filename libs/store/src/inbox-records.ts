// What the inbox stores per (queue, messageId): one claim record per epoch, at most one done record
// and at most one crash-loop record. Every record is created by an insert on a deterministic _id, so
// the unique _id index arbitrates every race (FerretDB 1.x updates are not isolated).
import { z } from 'zod';

// The unit separator cannot appear in queue names and is vanishingly unlikely in message ids.
const separator = '\u001f';

export const claimRecordSchema = z.object({
  _id: z.string(),
  kind: z.literal('claim'),
  queue: z.string(),
  messageId: z.string(),
  epoch: z.number().int().positive(),
  /** null on the released marker `reset` leaves behind: the next delivery may carry any payload. */
  payloadHash: z.string().nullable(),
  leaseUntil: z.date(),
  released: z.boolean(),
  /** This claim took over from a holder that died holding it: the message is a crash suspect. */
  crashed: z.boolean(),
  /**
   * Its holder ran it with nothing beside it in the process: if this holder died, the message killed
   * it (one crash). Absent until the holder isolates it; a death beside others proves nothing.
   */
  solo: z.boolean().optional(),
  createdAt: z.date(),
  /** The claiming process (its `inbox_holders` record says whether it lives); absent on old records. */
  holder: z.string().optional(),
  /** The claiming delivery's token: a retried claim recognises its own record by it. */
  claimToken: z.string().optional(),
});

/**
 * A consumer process's liveness, renewed every few seconds by that process alone (so an update is
 * safe): once `aliveUntil` passes, its unreleased claims are taken over without waiting out their lease.
 */
export const holderRecordSchema = z.object({
  _id: z.string(),
  aliveUntil: z.date(),
  updatedAt: z.date(),
});

export const doneRecordSchema = z.object({
  _id: z.string(),
  kind: z.literal('done'),
  queue: z.string(),
  messageId: z.string(),
  payloadHash: z.string().nullable(),
  epoch: z.number().int().positive(),
  createdAt: z.date(),
});

/** Written once the crash limit is passed, so every later delivery is dead-lettered the same way. */
export const crashLoopRecordSchema = z.object({
  _id: z.string(),
  kind: z.literal('crash-loop'),
  queue: z.string(),
  messageId: z.string(),
  crashes: z.number().int().nonnegative(),
  createdAt: z.date(),
});

export const inboxRecordSchema = z.discriminatedUnion('kind', [
  claimRecordSchema,
  doneRecordSchema,
  crashLoopRecordSchema,
]);

export type ClaimRecord = z.infer<typeof claimRecordSchema>;
export type DoneRecord = z.infer<typeof doneRecordSchema>;
export type CrashLoopRecord = z.infer<typeof crashLoopRecordSchema>;
export type InboxRecord = z.infer<typeof inboxRecordSchema>;
export type HolderRecord = z.infer<typeof holderRecordSchema>;

export function claimRecordId(queue: string, messageId: string, epoch: number): string {
  return [queue, messageId, 'claim', String(epoch)].join(separator);
}

export function doneRecordId(queue: string, messageId: string): string {
  return [queue, messageId, 'done'].join(separator);
}

export function crashLoopRecordId(queue: string, messageId: string): string {
  return [queue, messageId, 'crash-loop'].join(separator);
}
