// A schedule as data, the one schema every reader and writer uses: stored in the `schedules` collection
// (created by the gateway's API) or given in the scheduler's config (SCHEDULES_JSON). A field a stored
// document leaves out reads with its default, so what the gateway and the dashboard show is what the
// scheduler fires; a document that does not validate is ignored by the scheduler and left out of lists.
import { jobRequested, tenantId } from '@conveyor/contracts';
import { ObjectId } from 'mongodb';
import { z } from 'zod';
import { cronExpression, timeZone } from './cron-expression.ts';

export const schedulesCollection = 'schedules';

/** Short enough that `${scheduleId}:${fireTimeISO}` fits a job id (128 characters). */
export const scheduleId = z.string().min(1).max(100);

export const overlapPolicies = ['skip', 'allow'] as const;
export const misfirePolicies = ['fire-once', 'skip'] as const;
export type OverlapPolicy = (typeof overlapPolicies)[number];
export type MisfirePolicy = (typeof misfirePolicies)[number];

/** Scheduled work is batch work: served after interactive jobs unless told otherwise. */
export const defaultScheduledJobPriority = 1;

export const scheduleJob = z.object({
  type: jobRequested.schema.shape.jobType,
  payload: z.record(z.string(), z.unknown()).default({}),
  /** 0–9: batch work low, interactive work high. */
  priority: z.number().int().min(0).max(9).default(defaultScheduledJobPriority),
});

export const scheduleFields = {
  tenantId,
  name: z.string().min(1).max(200),
  cron: cronExpression,
  /** IANA name; the gateway stores the canonical form. */
  timeZone: timeZone.default('UTC'),
  /** What each run publishes as job.requested.v1. */
  job: scheduleJob,
  /** `skip`: no new run while the previous one is unfinished; `allow`: runs may overlap. */
  overlap: z.enum(overlapPolicies).default('skip'),
  /** After downtime: `fire-once` fires one catch-up run for the missed window, `skip` fires nothing for it. */
  misfire: z.enum(misfirePolicies).default('fire-once'),
  paused: z.boolean().default(false),
};

export const scheduleDocument = z.object({
  _id: z
    .union([z.string(), z.instanceof(ObjectId)])
    .transform((id) => id.toString())
    .pipe(scheduleId),
  ...scheduleFields,
  /** When it began: fire times before it were never due. The API always sets it. */
  createdAt: z.date().optional(),
  /** When it was last paused (operators' record; the scheduler does not read it). */
  pausedAt: z.date().optional(),
  /** When it was last resumed: nothing due at or before it is fired (no burst after a pause). */
  resumedAt: z.date().optional(),
});

export type ScheduleDocument = z.infer<typeof scheduleDocument>;

export const configSchedule = z.strictObject({ id: scheduleId, ...scheduleFields });
export const configScheduleList = z.array(configSchedule);

export type ConfigSchedule = z.infer<typeof configSchedule>;
export type ScheduleJob = z.infer<typeof scheduleJob>;

/** A schedule as the scheduler fires it, whichever its source. */
export interface Schedule {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly cron: string;
  readonly timeZone: string;
  readonly job: ScheduleJob;
  readonly overlap: OverlapPolicy;
  readonly misfire: MisfirePolicy;
  readonly paused: boolean;
  /** When the schedule began: fire times before it were never due. Unknown for config schedules. */
  readonly createdAt: Date | undefined;
  /** When it was last resumed: fire times up to it fell in a pause and are never due. */
  readonly resumedAt: Date | undefined;
  readonly source: 'database' | 'config' | 'built-in';
}

export function scheduleFromDocument(document: ScheduleDocument): Schedule {
  const { _id, ...fields } = document;
  return {
    ...fields,
    id: _id,
    createdAt: document.createdAt,
    resumedAt: document.resumedAt,
    source: 'database',
  };
}

export function scheduleFromConfig(
  schedule: ConfigSchedule,
  source: 'config' | 'built-in' = 'config',
): Schedule {
  return { ...schedule, createdAt: undefined, resumedAt: undefined, source };
}
