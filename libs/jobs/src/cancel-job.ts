// Cancelling a job. One that has not started (accepted, scheduled) or waits for its children ends
// `cancelled` at once, and a copy of its message that still arrives is skipped by the worker. One that
// runs is marked `cancelRequested`: the caller tells the worker running it (a NATS request, see
// jobCancelSubject), whose handler's signal fires, and the worker ends the job `cancelled`. A worker
// that missed the request sees the mark at the handler's next progress or checkpoint, or at the start
// of the next attempt.
import type { Store } from '@conveyor/store';
import { JobFinishedError } from './errors/job-finished-error.ts';
import { jobDocument, queuedJobStatuses, type JobDocument } from './job-document.ts';
import { jobs } from './jobs-collection.ts';

export interface CancelledJob {
  job: JobDocument;
  /** `cancelled`: it will never run. `requested`: it runs; tell its worker. */
  outcome: 'cancelled' | 'requested';
}

/** Null when the tenant has no such job; throws JobFinishedError when it has finished. */
export async function cancelJob(
  store: Store,
  tenantId: string,
  jobId: string,
  now: Date = new Date(),
): Promise<CancelledJob | null> {
  const ended = await jobs(store).findOneAndUpdate(
    { _id: jobId, tenantId, status: { $in: [...queuedJobStatuses, 'waiting'] } },
    {
      $set: { status: 'cancelled', cancelRequested: true, updatedAt: now },
      $push: { history: { at: now, event: 'cancelled', detail: 'cancelled before it ran' } },
    },
    { returnDocument: 'after' },
  );
  if (ended !== null) return { job: jobDocument.parse(ended), outcome: 'cancelled' };
  const asked = await jobs(store).findOneAndUpdate(
    { _id: jobId, tenantId, status: 'running' },
    {
      $set: { cancelRequested: true, updatedAt: now },
      $push: { history: { at: now, event: 'cancel requested' } },
    },
    { returnDocument: 'after' },
  );
  if (asked !== null) return { job: jobDocument.parse(asked), outcome: 'requested' };
  const current = await jobs(store).findOne({ _id: jobId, tenantId }, { projection: { outbox: 0 } });
  if (current === null) return null;
  // Neither queued nor running: finished (a status change between the reads ends here too).
  throw new JobFinishedError(jobId, current.status);
}
