// A stored schedule as operators read it (the `schedules` collection the gateway's API writes and the
// scheduler's leader fires from). Lenient like the scheduler: fields a hand-written document leaves
// out get the scheduler's defaults, so what is shown is what will be fired.
import { ObjectId } from 'mongodb';
import { z } from 'zod';

export const schedulesCollection = 'schedules';

export const scheduleRecord = z.object({
  _id: z.union([z.string(), z.instanceof(ObjectId)]).transform((id) => id.toString()),
  tenantId: z.string(),
  name: z.string(),
  cron: z.string(),
  timeZone: z.string().default('UTC'),
  job: z.object({
    type: z.string(),
    payload: z.record(z.string(), z.unknown()).default({}),
    priority: z.number().int().default(1),
  }),
  overlap: z.enum(['skip', 'allow']).default('skip'),
  misfire: z.enum(['fire-once', 'skip']).default('fire-once'),
  paused: z.boolean().default(false),
  /** When it was last paused (operators' record; the scheduler does not read it). */
  pausedAt: z.date().optional(),
  /**
   * When it was last resumed. The scheduler fires nothing due at or before this instant: the runs a
   * pause left out are not caught up when it ends.
   */
  resumedAt: z.date().optional(),
  createdAt: z.date().optional(),
});

export type ScheduleRecord = z.infer<typeof scheduleRecord>;
