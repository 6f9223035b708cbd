// The `jobs` collection: one document per generic job, the status source of truth GET /v1/jobs/{id}
// returns. A job due now is `accepted` with its job.requested.v1 in the outbox; one due later is
// `scheduled` with `runAt`, and the scheduler's leader publishes it when due (status 'scheduled' and
// runAt <= now), with messageId `jobRequestedMessageId(jobId)` so that every publisher agrees on it.
// Workers move it to running / completed / failed. Defined here for now, exported nowhere else.
import { jobRequested } from '@conveyor/contracts';
import { outboxEntrySchema } from '@conveyor/store';
import { z } from 'zod';

export const jobsCollection = 'jobs';

export const jobStatuses = ['accepted', 'scheduled', 'running', 'completed', 'failed'] as const;
export type JobStatus = (typeof jobStatuses)[number];

export const jobType = jobRequested.schema.shape.jobType;

export const jobDocument = z.object({
  _id: z.string(),
  tenantId: z.string(),
  type: jobType,
  payload: z.record(z.string(), z.unknown()),
  /** 0–9 on the work queues; interactive jobs high, batch jobs low. */
  priority: z.number().int().min(0).max(9),
  status: z.enum(jobStatuses),
  /** When it is due; null for a job published at once. */
  runAt: z.date().nullable(),
  history: z.array(z.object({ at: z.date(), event: z.string(), detail: z.string().optional() })),
  traceId: z.string().nullable(),
  idempotencyKey: z.string().nullable(),
  requestHash: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  /** Written by the worker that finished it. */
  result: z.unknown().optional(),
  error: z.string().nullable().optional(),
  outbox: z.array(outboxEntrySchema).optional(),
  outboxDueAt: z.date().optional(),
});

export type JobDocument = z.infer<typeof jobDocument>;

export function jobRequestedMessageId(jobId: string): string {
  return `${jobId}:requested`;
}
