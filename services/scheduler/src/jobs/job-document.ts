// The part of a `jobs` document (written by the gateway) that the scheduler reads and writes:
// a one-off job waits as `scheduled` until `runAt`, then the leader publishes it and marks it `accepted`.
import { jobRequested, tenantId } from '@conveyor/contracts';
import { ObjectId } from 'mongodb';
import { z } from 'zod';

export const jobsCollection = 'jobs';

/** Jobs in these states are done with; retention deletes them once `updatedAt` is old enough. */
export const finishedJobStatuses = ['completed', 'failed', 'cancelled'] as const;

export const scheduledJobDocument = z.object({
  _id: z.union([z.string().min(1).max(128), z.instanceof(ObjectId)]),
  tenantId,
  /** The job to run (the gateway's `jobs` documents name it `type`). */
  type: jobRequested.schema.shape.jobType,
  payload: z.record(z.string(), z.unknown()).default({}),
  priority: z.number().int().min(0).max(9).default(1),
  status: z.literal('scheduled'),
  runAt: z.date(),
});

export type ScheduledJob = z.infer<typeof scheduledJobDocument>;

/** The gateway publishes a job it accepts under the same id, so either publisher is de-duplicated. */
export function jobRequestedMessageId(jobId: string): string {
  return `${jobId}:requested`;
}
