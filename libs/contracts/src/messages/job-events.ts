// Live job events on NATS (best-effort; the job document is the source of truth): a handler's progress,
// and the request that a running job stop (a cancel), which the worker running it acts on.
import { z } from 'zod';
import { tenantId } from './orders.ts';

export const jobProgressEvent = z.strictObject({
  jobId: z.string(),
  tenantId,
  /** What the handler reported: a percentage, or any JSON value it chose. */
  value: z.unknown(),
  at: z.iso.datetime(),
});

export type JobProgressEvent = z.infer<typeof jobProgressEvent>;

/** NATS subject of one job's progress: `conveyor.progress.<tenant>.job.<jobId>`. */
export function jobProgressSubject(tenant: string, jobId: string): string {
  return `conveyor.progress.${tenant}.job.${jobId}`;
}

export const jobCancelRequest = z.strictObject({ jobId: z.string(), tenantId, at: z.iso.datetime() });

export type JobCancelRequest = z.infer<typeof jobCancelRequest>;

/** Every worker listens on `conveyor.jobs.cancel.>` and aborts the job if it is running it. */
export function jobCancelSubject(tenant: string, jobId: string): string {
  return `conveyor.jobs.cancel.${tenant}.${jobId}`;
}

export const jobCancelSubjects = 'conveyor.jobs.cancel.>';
