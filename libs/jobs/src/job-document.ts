// The `jobs` collection: one document per generic job, the status source of truth that
// GET /v1/jobs/{id} and the dashboard read. A job due now is `accepted` with its job.requested.v1 in the
// outbox; one due later is `scheduled` with `runAt` until the scheduler's leader accepts it; the job
// worker moves it to running / completed / failed. No code path cancels a job yet, so there is no
// `cancelled` status (the scheduler's copy listed one that nothing ever set).
import { jobRequested } from '@conveyor/contracts';
import { outboxEntrySchema } from '@conveyor/outbox';
import { z } from 'zod';

export const jobsCollection = 'jobs';

export const jobStatuses = ['accepted', 'scheduled', 'running', 'completed', 'failed'] as const;
export type JobStatus = (typeof jobStatuses)[number];

/** A job in one of these is done with: live views stop following it, retention may delete it. */
export const finishedJobStatuses = ['completed', 'failed'] as const satisfies readonly JobStatus[];

export function isFinishedJobStatus(status: string): boolean {
  return (finishedJobStatuses as readonly string[]).includes(status);
}

export const jobType = jobRequested.schema.shape.jobType;

/** 0–9 on the work queues; interactive jobs high, batch jobs low. */
export const jobPriority = z.number().int().min(0).max(9);

/** A job without a stated priority is batch work (what the scheduler fires by default). */
export const defaultBatchJobPriority = 1;

const historyEntry = z.object({ at: z.date(), event: z.string(), detail: z.string().optional() });

/**
 * The stored document. Fields that a job written by hand or by an older version may lack read with
 * their defaults, so every reader sees the same job.
 */
export const jobDocument = z.object({
  _id: z.string(),
  tenantId: z.string(),
  type: jobType,
  payload: z.record(z.string(), z.unknown()).default({}),
  priority: jobPriority.default(defaultBatchJobPriority),
  status: z.enum(jobStatuses),
  /** When it is due; null for a job published at once. */
  runAt: z.date().nullable().default(null),
  history: z.array(historyEntry).default([]),
  traceId: z.string().nullable().default(null),
  idempotencyKey: z.string().nullable().default(null),
  requestHash: z.string().nullable().default(null),
  createdAt: z.date(),
  updatedAt: z.date(),
  /** Written by the worker that finished it. */
  result: z.unknown().optional(),
  error: z.string().nullable().optional(),
  outbox: z.array(outboxEntrySchema).optional(),
  outboxDueAt: z.date().optional(),
});

export type JobDocument = z.infer<typeof jobDocument>;
