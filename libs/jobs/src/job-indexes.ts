// Indexes of `jobs` (the tenant's reads lead with tenantId; the stuck-job sweep's with status) and of
// the sweep's records, the missing ones only, one per command (see createIndexesOneByOne in
// @conveyor/store). The relay's own indexes are created by the relay.
import { createIndexesOneByOne, type Store } from '@conveyor/store';
import type { IndexDescription } from 'mongodb';
import { jobsCollection } from './job-document.ts';
import { ensureJobSweepIndexes } from './stuck-jobs.ts';

const jobIndexes: readonly IndexDescription[] = [
  { key: { tenantId: 1, createdAt: -1 }, name: 'tenant_created' },
  { key: { tenantId: 1, status: 1, runAt: 1 }, name: 'tenant_status_run_at' },
  { key: { status: 1, updatedAt: 1 }, name: 'status_updated' },
];

export async function ensureJobIndexes(store: Store): Promise<void> {
  await createIndexesOneByOne(store.db, jobsCollection, jobIndexes);
  await ensureJobSweepIndexes(store);
}
