// Jobs as operators look them up: by id across tenants, or the newest of a status and/or tenant.
import type { Store } from '@conveyor/store';
import type { Document, Filter } from 'mongodb';
import { jobRecord, jobsCollection, type JobRecord } from './job-record.ts';

export interface JobQuery {
  status?: string | undefined;
  tenantId?: string | undefined;
  limit: number;
}

export async function findJob(store: Store, jobId: string): Promise<JobRecord | null> {
  const found = await store.db.collection<{ _id: string }>(jobsCollection).findOne({ _id: jobId });
  if (found === null) return null;
  const parsed = jobRecord.safeParse(found);
  return parsed.success ? parsed.data : null;
}

export async function listJobs(
  store: Store,
  query: JobQuery,
): Promise<{ jobs: JobRecord[]; unreadable: number }> {
  const filter: Filter<Document> = {};
  if (query.tenantId !== undefined) filter.tenantId = query.tenantId;
  if (query.status !== undefined) filter.status = query.status;
  const found = await store.db
    .collection(jobsCollection)
    .find(filter, { projection: { outbox: 0 } })
    .sort({ createdAt: -1 })
    .limit(query.limit)
    .toArray();
  const parsed = found.map((document) => jobRecord.safeParse(document));
  return {
    jobs: parsed.flatMap((result) => (result.success ? [result.data] : [])),
    unreadable: parsed.filter((result) => !result.success).length,
  };
}
