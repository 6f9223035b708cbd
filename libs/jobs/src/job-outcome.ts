// What the job worker records on a job while it runs it: `running`, then `completed` with its result or
// `failed` with the error. A message without a job document (a schedule run's job) changes nothing here.
import type { Store } from '@conveyor/store';
import type { JobStatus } from './job-document.ts';
import { jobs } from './jobs-collection.ts';

export type JobOutcome =
  | { status: Extract<JobStatus, 'running'> }
  | { status: Extract<JobStatus, 'completed'>; result: unknown; error: null }
  | { status: Extract<JobStatus, 'failed'>; error: string };

export interface JobRef {
  jobId: string;
  tenantId: string;
}

export async function recordJobOutcome(
  store: Store,
  job: JobRef,
  outcome: JobOutcome,
  now: Date = new Date(),
): Promise<void> {
  await jobs(store).updateOne(
    { _id: job.jobId, tenantId: job.tenantId },
    { $set: { ...outcome, updatedAt: now } },
  );
}
