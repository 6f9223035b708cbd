// The HTTP shapes of schedules: the request (strict; cron and time zone checked) and the view.
import { jobType } from '@conveyor/jobs';
import {
  canonicalTimeZone,
  cronProblem,
  defaultScheduledJobPriority,
  misfirePolicies,
  overlapPolicies,
} from '@conveyor/schedules';
import { z } from 'zod';
import { jobPayload } from '../http/job-payload.ts';
import { resourceId } from '../http/resource-id.ts';

const cronField = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .superRefine((cron, context) => {
    const problem = cronProblem(cron);
    if (problem !== undefined)
      context.addIssue({ code: 'custom', message: `not a valid cron expression: ${problem}` });
  })
  .describe('Cron expression: 5 fields (minute first), or 6 with seconds first; @daily, @hourly... too.');

const timeZoneField = z
  .string()
  .min(1)
  .max(64)
  .refine((timeZone) => canonicalTimeZone(timeZone) !== undefined, { message: 'not an IANA time zone' })
  .describe('IANA time zone the cron expression is read in, e.g. "Europe/Paris".');

export const createScheduleBody = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-"'),
    cron: cronField,
    timeZone: timeZoneField.default('UTC'),
    job: z.strictObject({
      type: jobType,
      payload: jobPayload.default({}),
      priority: z.number().int().min(0).max(9).default(defaultScheduledJobPriority),
    }),
    overlap: z.enum(overlapPolicies).default('skip'),
    misfire: z.enum(misfirePolicies).default('fire-once'),
    paused: z.boolean().default(false),
  })
  .meta({ id: 'CreateSchedule' });

export type CreateScheduleBody = z.infer<typeof createScheduleBody>;

export const scheduleParams = z.strictObject({ id: resourceId(128) });

export const scheduleView = z
  .object({
    id: z.string(),
    name: z.string(),
    cron: z.string(),
    timeZone: z.string(),
    job: z.object({
      type: z.string(),
      payload: z.record(z.string(), z.unknown()),
      priority: z.number().int(),
    }),
    overlap: z.enum(overlapPolicies),
    misfire: z.enum(misfirePolicies),
    paused: z.boolean(),
    /** Null for a schedule stored without one (not created through this API). */
    createdAt: z.iso.datetime().nullable(),
    /** The next fire time from now; null while paused. */
    nextRunAt: z.iso.datetime().nullable(),
    links: z.object({ self: z.string() }),
  })
  .meta({ id: 'Schedule' });

export type ScheduleView = z.infer<typeof scheduleView>;

export const scheduleList = z.object({ items: z.array(scheduleView) }).meta({ id: 'ScheduleList' });
