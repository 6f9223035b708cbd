// Indexes of `jobs`, leading with tenantId, the missing ones only, one per command (see
// createIndexesOneByOne in @conveyor/store). The relay's outboxDueAt index is created by the relay.
import { createIndexesOneByOne, type Store } from '@conveyor/store';
import type { IndexDescription } from 'mongodb';
import { jobsCollection } from './job-document.ts';

const jobIndexes: readonly IndexDescription[] = [
  { key: { tenantId: 1, createdAt: -1 }, name: 'tenant_created' },
  { key: { tenantId: 1, status: 1, runAt: 1 }, name: 'tenant_status_run_at' },
];

export async function ensureJobIndexes(store: Store): Promise<void> {
  await createIndexesOneByOne(store.db, jobsCollection, jobIndexes);
}
