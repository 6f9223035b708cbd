// The HTTP shapes of jobs: the request (strict) and the views.
import { attemptOutcomes, jobStatuses, jobType } from '@conveyor/jobs';
import { z } from 'zod';
import { jobPayload } from '../http/job-payload.ts';
import { resourceId } from '../http/resource-id.ts';

/** Interactive jobs from the API are served before batch work (scheduled reports run at 1). */
export const defaultJobPriority = 5;
const maxDelayMs = 366 * 24 * 60 * 60 * 1000;

export const submitJobBody = z
  .strictObject({
    type: jobType.describe('What to run, e.g. "report.daily".'),
    payload: jobPayload.default({}),
    priority: z.number().int().min(0).max(9).default(defaultJobPriority),
    /** Run at this time (ISO 8601 with offset); a time in the past runs at once. */
    runAt: z.iso.datetime({ offset: true }).optional(),
    /** Or run after this delay. */
    delayMs: z.number().int().min(0).max(maxDelayMs).optional(),
    /** For an ordered type: jobs with the same key run one at a time, in order (default: its key field). */
    orderingKey: z.string().min(1).max(256).optional(),
  })
  .refine((body) => body.runAt === undefined || body.delayMs === undefined, {
    path: ['delayMs'],
    message: 'give runAt or delayMs, not both',
  })
  .meta({ id: 'SubmitJob' });

export type SubmitJobBody = z.infer<typeof submitJobBody>;

export const jobParams = z.strictObject({ id: resourceId(128) });

export const jobAccepted = z
  .object({
    id: z.string(),
    status: z.enum(jobStatuses),
    runAt: z.iso.datetime().nullable(),
    traceId: z.string().nullable(),
    links: z.object({ self: z.string() }),
  })
  .meta({ id: 'JobAccepted' });

const attemptView = z.object({
  run: z.number().int(),
  attempt: z.number().int(),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  outcome: z.enum(attemptOutcomes),
  error: z.string().nullable(),
});

export const jobView = z
  .object({
    id: z.string(),
    type: z.string(),
    payload: z.record(z.string(), z.unknown()),
    priority: z.number().int(),
    status: z.enum(jobStatuses),
    runAt: z.iso.datetime().nullable(),
    orderingKey: z.string().nullable(),
    parentJobId: z.string().nullable(),
    /** 1, and one more per retry from the API. */
    run: z.number().int(),
    /** Deliveries started in this run (0 before the first). */
    attempt: z.number().int(),
    /** Every ended attempt of every run, then the running one. */
    attempts: z.array(attemptView),
    /** The handler's last progress report. */
    progress: z.unknown(),
    cancelRequested: z.boolean(),
    children: z.object({ total: z.number(), completed: z.number(), failed: z.number() }).nullable(),
    history: z.array(z.object({ at: z.iso.datetime(), event: z.string(), detail: z.string().optional() })),
    result: z.unknown().optional(),
    error: z.string().nullable(),
    traceId: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    links: z.object({ self: z.string() }),
  })
  .meta({ id: 'Job' });

export type JobView = z.infer<typeof jobView>;

export const listJobsQuery = z.strictObject({
  status: z.enum(jobStatuses).optional(),
  type: jobType.optional(),
  /** Created at or after (ISO 8601). */
  since: z.iso.datetime({ offset: true }).optional(),
  /** Created before (ISO 8601). */
  until: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The nextCursor of the previous page. */
  cursor: z.string().min(1).max(200).optional(),
});

export const jobPage = z
  .object({ jobs: z.array(jobView), nextCursor: z.string().nullable() })
  .meta({ id: 'JobPage' });

export const jobTypeView = z
  .object({
    type: z.string(),
    queue: z.string(),
    /** JSON Schema of the job's data. */
    schema: z.record(z.string(), z.unknown()),
    priority: z.number().int(),
    attempts: z.number().int(),
    timeoutMs: z.number().int(),
    ordered: z.object({ partitions: z.number().int(), keyField: z.string() }).nullable(),
    retentionDays: z.number().nullable(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'JobType' });

export const jobTypeList = z.object({ jobTypes: z.array(jobTypeView) }).meta({ id: 'JobTypes' });
