// One-off delayed jobs: `scheduled` jobs whose `runAt` has passed are accepted by the scheduler's leader,
// marked `accepted` with their job.requested.v1 message (message id jobRequestedMessageId, as the
// gateway uses) in the same write, recorded as a pending outbox write first. The leader then publishes
// the returned entries; the gateway's relay does if it cannot.
import { tenantId } from '@conveyor/contracts';
import {
  dropPendingOutbox,
  outboxEntries,
  recordPendingOutbox,
  withOutbox,
  type OutboxEntry,
  type PendingOutbox,
} from '@conveyor/outbox';
import type { Store } from '@conveyor/store';
import { ObjectId } from 'mongodb';
import { z } from 'zod';
import { jobDocument, jobsCollection } from './job-document.ts';
import { jobRunMessage } from './job-message.ts';

/** What accepting a scheduled job needs of its document; ids written by hand may be ObjectIds. */
export const scheduledJob = jobDocument
  .pick({
    type: true,
    payload: true,
    priority: true,
    run: true,
    partition: true,
    orderingKey: true,
    parentJobId: true,
  })
  .extend({
    _id: z.union([z.string().min(1).max(128), z.instanceof(ObjectId)]),
    tenantId,
    status: z.literal('scheduled'),
    runAt: z.date(),
  });

export type ScheduledJob = z.infer<typeof scheduledJob>;

export interface DueScheduledJob {
  id: string;
  /** The job, or why its document does not validate (it is left as it is). */
  parsed: z.ZodSafeParseResult<ScheduledJob>;
}

function scheduledJobs(store: Store) {
  return store.db.collection<{ _id: string | ObjectId }>(jobsCollection);
}

/** The `scheduled` jobs due at `now`, oldest runAt first, at most `limit`. */
export async function dueScheduledJobs(store: Store, now: Date, limit: number): Promise<DueScheduledJob[]> {
  const due = await scheduledJobs(store)
    .find({ status: 'scheduled', runAt: { $lte: now } })
    .sort({ runAt: 1 })
    .limit(limit)
    .toArray();
  return due.map((document) => ({ id: String(document._id), parsed: scheduledJob.safeParse(document) }));
}

export interface AcceptScheduledJob {
  now: Date;
  /** The leader's fencing token, stored with the write. */
  fencingToken: number;
}

export interface AcceptedScheduledJob {
  /** The entries the write added: publish them (publishOutbox) with `pending`. */
  entries: OutboxEntry[];
  pending: PendingOutbox;
}

/** Marks the job accepted with its message; undefined when it was not `scheduled` any more. */
export async function acceptScheduledJob(
  store: Store,
  job: ScheduledJob,
  accept: AcceptScheduledJob,
): Promise<AcceptedScheduledJob | undefined> {
  const { now, fencingToken } = accept;
  const jobId = job._id.toString();
  const entries = outboxEntries([jobRunMessage({ ...job, _id: jobId })], now);
  const pending = await recordPendingOutbox(
    store,
    { collection: jobsCollection, docId: job._id, entries },
    now,
  );
  // Conditional on `scheduled`: only one accept per job. FerretDB does not isolate updates, so two
  // leaders could both match; they publish the same message id, which inboxes de-duplicate.
  const result = await scheduledJobs(store).updateOne(
    { _id: job._id, status: 'scheduled' },
    withOutbox({ status: 'accepted', acceptedAt: now, updatedAt: now, fencingToken }, entries),
  );
  if (result.matchedCount > 0) return { entries, pending };
  await dropPendingOutbox(store, pending);
  return undefined;
}
