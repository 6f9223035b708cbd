// The `jobs` collection: one document per generic job, the status source of truth that
// GET /v1/jobs/{id} and the dashboard read. A job due now is `accepted` with its job.requested.v1 in the
// outbox; one due later is `scheduled` with `runAt` until the scheduler's leader accepts it; the job
// worker moves it to running / completed / failed; a batch parent waits for its children in `waiting`;
// a cancel ends it `cancelled`. A retry starts a new run (`run`), each run's attempts are listed.
import { outboxEntrySchema } from '@conveyor/outbox';
import { z } from 'zod';
import { jobType } from './job-types/job-type-document.ts';

export { jobType };

export const jobsCollection = 'jobs';

export const jobStatuses = [
  'accepted',
  'scheduled',
  'running',
  'waiting',
  'completed',
  'failed',
  'cancelled',
] as const;
export type JobStatus = (typeof jobStatuses)[number];

/** A job in one of these is done with: live views stop following it, retention may delete it. */
export const finishedJobStatuses = [
  'completed',
  'failed',
  'cancelled',
] as const satisfies readonly JobStatus[];

/** A job in one of these has not started its run yet: a cancel ends it at once. */
export const queuedJobStatuses = ['accepted', 'scheduled'] as const satisfies readonly JobStatus[];

export function isFinishedJobStatus(status: string): boolean {
  return (finishedJobStatuses as readonly string[]).includes(status);
}

/** 0–9 on the work queues; interactive jobs high, batch jobs low. */
export const jobPriority = z.number().int().min(0).max(9);

/** A job without a stated priority is batch work (what the scheduler fires by default). */
export const defaultBatchJobPriority = 1;

const historyEntry = z.object({ at: z.date(), event: z.string(), detail: z.string().optional() });

export const attemptOutcomes = ['running', 'completed', 'failed', 'retrying', 'cancelled'] as const;

/** One delivery of the job to a handler. */
const attemptEntry = z.object({
  run: z.number().int().positive(),
  attempt: z.number().int().positive(),
  startedAt: z.date(),
  endedAt: z.date().nullable().default(null),
  outcome: z.enum(attemptOutcomes),
  error: z.string().nullable().default(null),
});

export type JobAttempt = z.infer<typeof attemptEntry>;

const childCounts = z.object({
  total: z.number().int().nonnegative(),
  completed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
});

/** The job a batch parent enqueues when its last child is done. */
const callbackJob = z.object({ type: z.string(), payload: z.record(z.string(), z.unknown()) });

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
  /** 1, then one more per retry from the API; the message id of each run differs. */
  run: z.number().int().positive().default(1),
  /** Deliveries started in this run. */
  attempt: z.number().int().nonnegative().default(0),
  attempts: z.array(attemptEntry).default([]),
  /** The attempt running now (a worker killed during it leaves it here; the next attempt records it). */
  currentAttempt: z
    .object({ attempt: z.number().int().positive(), startedAt: z.date() })
    .nullable()
    .default(null),
  /** The handler's last progress report. */
  progress: z.unknown().default(null),
  /** The handler's last checkpoint: the next attempt resumes from it. */
  checkpoint: z.unknown().optional(),
  cancelRequested: z.boolean().default(false),
  orderingKey: z.string().nullable().default(null),
  /** The queue partition of an ordered job, fixed when accepted so that every later publish agrees. */
  partition: z.number().int().nonnegative().nullable().default(null),
  parentJobId: z.string().nullable().default(null),
  children: childCounts.nullable().default(null),
  then: callbackJob.nullable().default(null),
});

export type JobDocument = z.infer<typeof jobDocument>;

/**
 * What every new job starts its life with, whoever writes it first (an accept, or a worker's first sight
 * of a job published straight to the bus). `attempt` and `currentAttempt` are not here: a first sight
 * sets them in the same update that starts the attempt.
 */
export function firstRunFields() {
  return {
    run: 1,
    attempts: [],
    progress: null,
    cancelRequested: false,
    children: null,
    then: null,
  } satisfies Partial<JobDocument>;
}
