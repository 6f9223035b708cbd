// A schedule as data: stored in the `schedules` collection (written by the gateway's API) or given
// in config (SCHEDULES_JSON). Both shapes are validated here and become one `Schedule`.
import { jobRequested, tenantId } from '@conveyor/contracts';
import { ObjectId } from 'mongodb';
import { z } from 'zod';
import { cronExpression, timeZone } from './cron-expression.ts';

export const schedulesCollection = 'schedules';

/** Short enough that `${scheduleId}:${fireTimeISO}` fits a job id (128 characters). */
const scheduleId = z.string().min(1).max(100);

export const overlapPolicies = ['skip', 'allow'] as const;
export const misfirePolicies = ['fire-once', 'skip'] as const;

const scheduleJob = z.object({
  type: jobRequested.schema.shape.jobType,
  payload: z.record(z.string(), z.unknown()).default({}),
  /** 0–9: batch work low, interactive work high. */
  priority: z.number().int().min(0).max(9).default(1),
});

const scheduleFields = {
  tenantId,
  name: z.string().min(1).max(200),
  cron: cronExpression,
  timeZone: timeZone.default('UTC'),
  job: scheduleJob,
  /** `skip`: no new run while the previous one is unfinished. */
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
  createdAt: z.date().optional(),
  /** Set when an operator resumed it (@conveyor/schedules): nothing due before it is fired. */
  resumedAt: z.date().optional(),
});

export const configSchedule = z.strictObject({ id: scheduleId, ...scheduleFields });
export const configScheduleList = z.array(configSchedule);

export type ConfigSchedule = z.infer<typeof configSchedule>;
export type ScheduleJob = z.infer<typeof scheduleJob>;

export interface Schedule {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly cron: string;
  readonly timeZone: string;
  readonly job: ScheduleJob;
  readonly overlap: (typeof overlapPolicies)[number];
  readonly misfire: (typeof misfirePolicies)[number];
  readonly paused: boolean;
  /** When the schedule began: fire times before it were never due. Unknown for config schedules. */
  readonly createdAt: Date | undefined;
  /** When it was last resumed: fire times up to it fell in a pause and are never due. */
  readonly resumedAt: Date | undefined;
  readonly source: 'database' | 'config' | 'built-in';
}

export function scheduleFromDocument(document: z.infer<typeof scheduleDocument>): Schedule {
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
