// Retrying a failed or cancelled job from the API: a new run of the same job, with a new message id
// (so the inboxes that saw the last run's message let this one through) written with the job in one
// update and published through the outbox like an accepted job. Attempts, errors and the last
// checkpoint of earlier runs stay on the job.
import {
  dropPendingOutbox,
  outboxEntries,
  recordPendingOutbox,
  withOutbox,
  type OutboxEntry,
  type PendingOutbox,
} from '@conveyor/outbox';
import type { Store } from '@conveyor/store';
import { JobNotRetryableError } from './errors/job-not-retryable-error.ts';
import { jobDocument, jobsCollection, type JobDocument } from './job-document.ts';
import { jobRunMessage } from './job-message.ts';
import { jobs } from './jobs-collection.ts';

const retryableStatuses = ['failed', 'cancelled'] as const;

export interface RetriedJob {
  job: JobDocument;
  /** Publish these with `pending` (publishOutboxOrLeaveToRelay). */
  entries: OutboxEntry[];
  pending: PendingOutbox;
}

/** Null when the tenant has no such job; throws JobNotRetryableError unless it failed or was cancelled. */
export async function retryJob(
  store: Store,
  tenantId: string,
  jobId: string,
  now: Date = new Date(),
): Promise<RetriedJob | null> {
  const found = await jobs(store).findOne({ _id: jobId, tenantId }, { projection: { outbox: 0 } });
  if (found === null) return null;
  const job = jobDocument.parse(found);
  if (!(retryableStatuses as readonly string[]).includes(job.status))
    throw new JobNotRetryableError(jobId, job.status);
  const run = job.run + 1;
  const entries = outboxEntries([jobRunMessage({ ...job, run })], now);
  const pending = await recordPendingOutbox(
    store,
    { collection: jobsCollection, docId: jobId, entries },
    now,
  );
  const fields = {
    status: 'accepted' as const,
    run,
    attempt: 0,
    error: null,
    cancelRequested: false,
    updatedAt: now,
  };
  const update = withOutbox(fields, entries);
  // Conditional on the run read: of two retries at once, one starts run n+1, the other is refused.
  const after = await jobs(store).findOneAndUpdate(
    { _id: jobId, tenantId, status: job.status, run: job.run },
    {
      $set: update.$set,
      $push: { ...update.$push, history: { at: now, event: 'retried', detail: `run ${String(run)}` } },
    },
    { returnDocument: 'after' },
  );
  if (after === null) {
    await dropPendingOutbox(store, pending);
    throw new JobNotRetryableError(jobId, 'changing');
  }
  return { job: jobDocument.parse(after), entries, pending };
}
