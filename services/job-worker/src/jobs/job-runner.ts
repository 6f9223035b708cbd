// A job type's implementation: gets the job's payload and its tenant, returns a JSON-able result.
import type { Db } from 'mongodb';

export interface JobContext {
  jobId: string;
  tenantId: string;
  payload: Record<string, unknown>;
  db: Db;
  signal: AbortSignal;
}

export type JobRunner = (job: JobContext) => Promise<Record<string, unknown>>;
