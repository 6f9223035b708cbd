// Reads are scoped to the tenant: another tenant's job id reads as absent.
import type { Store } from '@conveyor/store';
import { jobDocument, jobsCollection, type JobDocument } from './job-document.ts';

export async function getJob(store: Store, tenantId: string, jobId: string): Promise<JobDocument | null> {
  const found = await store.db.collection<JobDocument>(jobsCollection).findOne({ _id: jobId, tenantId });
  return found === null ? null : jobDocument.parse(found);
}
