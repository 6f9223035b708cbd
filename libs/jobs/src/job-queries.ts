// Reads of `jobs`: a tenant's job (the gateway's API; another tenant's id reads as absent), and across
// tenants for operators (the dashboard). A document that does not validate is left out and counted.
import type { Store } from '@conveyor/store';
import type { Document, Filter } from 'mongodb';
import { jobDocument, jobsCollection, type JobDocument } from './job-document.ts';
import { jobs } from './jobs-collection.ts';

export async function getJob(store: Store, tenantId: string, jobId: string): Promise<JobDocument | null> {
  const found = await jobs(store).findOne({ _id: jobId, tenantId });
  return found === null ? null : jobDocument.parse(found);
}

/** Any tenant's job (operators); null when absent or unreadable. */
export async function findJob(store: Store, jobId: string): Promise<JobDocument | null> {
  const found = await jobs(store).findOne({ _id: jobId });
  if (found === null) return null;
  const parsed = jobDocument.safeParse(found);
  return parsed.success ? parsed.data : null;
}

export interface JobQuery {
  status?: string | undefined;
  tenantId?: string | undefined;
  limit: number;
}

/** The newest jobs of a status and/or tenant, without their outbox. */
export async function listJobs(
  store: Store,
  query: JobQuery,
): Promise<{ jobs: JobDocument[]; unreadable: number }> {
  const filter: Filter<Document> = {};
  if (query.tenantId !== undefined) filter.tenantId = query.tenantId;
  if (query.status !== undefined) filter.status = query.status;
  const found = await store.db
    .collection(jobsCollection)
    .find(filter, { projection: { outbox: 0 } })
    .sort({ createdAt: -1 })
    .limit(query.limit)
    .toArray();
  const parsed = found.map((document) => jobDocument.safeParse(document));
  return {
    jobs: parsed.flatMap((result) => (result.success ? [result.data] : [])),
    unreadable: parsed.filter((result) => !result.success).length,
  };
}

/** The status of a job by id, whichever tenant's; undefined when there is no such job. */
export async function jobStatusOf(store: Store, jobId: string): Promise<string | undefined> {
  const found = await store.db
    .collection<{ _id: string; status?: unknown }>(jobsCollection)
    .findOne({ _id: jobId }, { projection: { status: 1 } });
  return found === null ? undefined : String(found.status);
}
