// The HTTP shapes of jobs: the request (strict) and the views.
import { jobStatuses, jobType } from '@conveyor/jobs';
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

export const jobView = z
  .object({
    id: z.string(),
    type: z.string(),
    payload: z.record(z.string(), z.unknown()),
    priority: z.number().int(),
    status: z.enum(jobStatuses),
    runAt: z.iso.datetime().nullable(),
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
