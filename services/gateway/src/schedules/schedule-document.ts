// The `schedules` collection: schedules as data, read by the scheduler's leader. Names are unique per
// tenant (a unique index on tenantId + name).
import { z } from 'zod';
import { jobType } from '../jobs/job-document.ts';

export const schedulesCollection = 'schedules';

export const overlapPolicies = ['skip', 'allow'] as const;
export const misfirePolicies = ['fire-once', 'skip'] as const;

export const scheduleDocument = z.object({
  _id: z.string(),
  tenantId: z.string(),
  name: z.string(),
  cron: z.string(),
  /** IANA name, canonical form. */
  timeZone: z.string(),
  /** What each run publishes as job.requested.v1. */
  job: z.object({
    type: jobType,
    payload: z.record(z.string(), z.unknown()),
    priority: z.number().int().min(0).max(9),
  }),
  /** `skip`: no run while the previous one is unfinished; `allow`: runs may overlap. */
  overlap: z.enum(overlapPolicies),
  /** After downtime: `fire-once` for all the runs missed together, or `skip` them. */
  misfire: z.enum(misfirePolicies),
  paused: z.boolean(),
  createdAt: z.date(),
});

export type ScheduleDocument = z.infer<typeof scheduleDocument>;
