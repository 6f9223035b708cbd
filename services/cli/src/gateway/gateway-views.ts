// What the CLI reads from the gateway's answers (see its OpenAPI at /docs). Loose objects: fields the
// gateway adds later pass through to --json output untouched.
import { orderItem } from '@conveyor/contracts';
import { z } from 'zod';

export const gatewayErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const orderAccepted = z.looseObject({
  id: z.string(),
  status: z.string(),
  traceId: z.string().nullable(),
  links: z.looseObject({ self: z.string(), events: z.string() }),
});

const stepView = z.looseObject({
  state: z.string(),
  ref: z.string().nullable(),
  attempts: z.number(),
  error: z.string().nullable(),
});

export const orderView = z.looseObject({
  id: z.string(),
  status: z.string(),
  customerId: z.string(),
  items: z.array(orderItem),
  express: z.boolean(),
  steps: z.record(z.string(), stepView),
  history: z.array(z.looseObject({ at: z.string(), event: z.string(), detail: z.string().optional() })),
  failure: z.looseObject({ step: z.string(), reason: z.string() }).nullable(),
  sequence: z.number(),
  traceId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type OrderView = z.infer<typeof orderView>;

export const jobAccepted = z.looseObject({
  id: z.string(),
  status: z.string(),
  runAt: z.string().nullable(),
});

export type JobAccepted = z.infer<typeof jobAccepted>;

export const scheduleView = z.looseObject({
  id: z.string(),
  name: z.string(),
  cron: z.string(),
  timeZone: z.string(),
  job: z.looseObject({ type: z.string(), payload: z.record(z.string(), z.unknown()), priority: z.number() }),
  overlap: z.string(),
  misfire: z.string(),
  paused: z.boolean(),
  nextRunAt: z.string().nullable(),
});

export type ScheduleView = z.infer<typeof scheduleView>;

export const scheduleList = z.looseObject({ items: z.array(scheduleView) });

const jobAttemptView = z.looseObject({
  /** 1, then one more per retry through the API. */
  run: z.number().optional(),
  attempt: z.number(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** running, completed, failed, retrying or cancelled. */
  outcome: z.string(),
  error: z.string().nullable(),
});

/** GET /v1/jobs/{id}; also each job of a list page, and the snapshot and status events of its stream. */
export const jobView = z.looseObject({
  id: z.string(),
  type: z.string(),
  payload: z.unknown(),
  priority: z.number(),
  status: z.string(),
  runAt: z.string().nullable(),
  orderingKey: z.string().nullable().optional(),
  parentJobId: z.string().nullable().optional(),
  children: z
    .looseObject({ total: z.number(), completed: z.number(), failed: z.number() })
    .nullable()
    .optional(),
  /** Runs started: 0 before the first. */
  attempt: z.number(),
  attempts: z.array(jobAttemptView),
  progress: z.unknown(),
  cancelRequested: z.boolean(),
  history: z.array(z.looseObject({ at: z.string(), event: z.string(), detail: z.string().optional() })),
  result: z.unknown().optional(),
  error: z.string().nullable(),
  traceId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type JobView = z.infer<typeof jobView>;

export const jobList = z.looseObject({ jobs: z.array(jobView), nextCursor: z.string().nullable() });

export type JobList = z.infer<typeof jobList>;

/** A `progress` event of GET /v1/jobs/{id}/events: what the handler reported with ctx.progress(value). */
export const jobProgressView = z.looseObject({ jobId: z.string(), value: z.unknown(), at: z.string() });

export type JobProgressView = z.infer<typeof jobProgressView>;
