// A generic job as the dashboard shows it, read from the `jobs` collection. The gateway owns the
// document (services/gateway/src/jobs/job-document.ts) and the job-worker moves its status; this is
// the read-only part the pages need, loose so that fields added there do not break the dashboard.
import { z } from 'zod';

export const jobsCollection = 'jobs';

export const jobStatuses = ['accepted', 'scheduled', 'running', 'completed', 'failed'] as const;
export const terminalJobStatuses: ReadonlySet<string> = new Set(['completed', 'failed']);

export const jobRecord = z.looseObject({
  _id: z.string(),
  tenantId: z.string(),
  type: z.string(),
  payload: z.record(z.string(), z.unknown()).default({}),
  priority: z.number().int().optional(),
  status: z.string(),
  runAt: z.date().nullable().default(null),
  history: z.array(z.object({ at: z.date(), event: z.string(), detail: z.string().optional() })).default([]),
  traceId: z.string().nullable().default(null),
  createdAt: z.date(),
  updatedAt: z.date(),
  result: z.unknown().optional(),
  error: z.string().nullable().optional(),
});

export type JobRecord = z.infer<typeof jobRecord>;
