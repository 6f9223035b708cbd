// What the gateway answers about jobs, read with zod so that a caller never holds a shape the server did
// not send. Unknown fields are dropped, not refused: a newer gateway may add some without breaking an
// older client; fields an older gateway does not send read with their defaults.
import { finishedJobStatuses, jobStatuses, type JobStatus } from '@conveyor/jobs';
import { z } from 'zod';

// The statuses are the job document's (bundled into the SDK): one list for the server and its clients.
export { jobStatuses, finishedJobStatuses, type JobStatus } from '@conveyor/jobs';

/** A job in one of these will not change any more (unless retried). */
export type FinishedJobStatus = (typeof finishedJobStatuses)[number];

export function isFinished(status: JobStatus): status is FinishedJobStatus {
  return (finishedJobStatuses as readonly JobStatus[]).includes(status);
}

const jobStatus = z.enum(jobStatuses);

const attempt = z.object({
  attempt: z.number(),
  startedAt: z.string(),
  endedAt: z.string().nullable().default(null),
  outcome: z.enum(['running', 'completed', 'failed', 'retrying', 'cancelled']),
  error: z.string().nullable().default(null),
});

export const jobView = z.object({
  id: z.string(),
  type: z.string(),
  payload: z.record(z.string(), z.unknown()),
  priority: z.number(),
  status: jobStatus,
  runAt: z.string().nullable(),
  orderingKey: z.string().nullable().default(null),
  parentJobId: z.string().nullable().default(null),
  /** Runs started, 0 before the first. */
  attempt: z.number().default(0),
  attempts: z.array(attempt).default([]),
  progress: z.unknown().default(null),
  cancelRequested: z.boolean().default(false),
  children: z
    .object({ total: z.number(), completed: z.number(), failed: z.number() })
    .nullable()
    .default(null),
  history: z.array(z.object({ at: z.string(), event: z.string(), detail: z.string().optional() })),
  result: z.unknown().optional(),
  error: z.string().nullable(),
  traceId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

type JobViewShape = z.infer<typeof jobView>;

/** A job as the gateway shows it; `result` is what the handler returned, once `completed`. */
export type Job<Result = unknown> = Omit<JobViewShape, 'result'> & { result?: Result };

export type JobAttempt = z.infer<typeof attempt>;

export const jobAccepted = z.object({
  id: z.string(),
  status: jobStatus,
  runAt: z.string().nullable(),
  traceId: z.string().nullable(),
});

export type JobAccepted = z.infer<typeof jobAccepted>;

export const jobPage = z.object({ jobs: z.array(jobView), nextCursor: z.string().nullable() });

export interface JobPage {
  jobs: Job[];
  /** Pass it as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export const jobTypeView = z.object({
  type: z.string(),
  queue: z.string(),
  /** The JSON Schema of the job's data, made from its zod schema by the worker that registered it. */
  schema: z.unknown(),
  priority: z.number(),
  attempts: z.number(),
  timeoutMs: z.number().nullable().optional(),
  /** An ordered type: the data field whose value is the ordering key, and the partitions of its keys. */
  ordered: z.object({ partitions: z.number(), keyField: z.string().optional() }).nullable().default(null),
  retentionDays: z.number().nullable().default(null),
  updatedAt: z.string(),
});

export type JobTypeInfo = z.infer<typeof jobTypeView>;

export const jobTypeList = z.object({ jobTypes: z.array(jobTypeView) });

/** A `progress` event of GET /v1/jobs/:id/events: what the handler reported, and when. */
export const jobProgressView = z.object({ jobId: z.string(), value: z.unknown(), at: z.string() });

export interface JobProgress {
  value: unknown;
  /** ISO time the handler reported it. */
  at: string;
}

export const errorView = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().default(null) }),
});
