// Generic background jobs (e.g. the daily report): requested by the gateway or the scheduler.
import { z } from 'zod';
import { defineMessage } from '../message-type.ts';
import { tenantId } from './orders.ts';

export const jobRequested = defineMessage(
  'job.requested.v1',
  z.strictObject({
    jobId: z.string().min(1).max(128),
    tenantId,
    /** What to run, e.g. `report.daily`; workers register the job types they run. */
    jobType: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[a-z][a-z0-9.-]*$/),
    payload: z.record(z.string(), z.unknown()),
    /** Set when a schedule fired it: `scheduleId:fireTime`. */
    scheduleRunId: z.string().optional(),
  }),
);
