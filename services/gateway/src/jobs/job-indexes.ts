// Indexes of `jobs`, leading with tenantId, one per command (FerretDB 1.24 drops the connection when one
// createIndexes names several existing indexes). The relay's outboxDueAt index is created by the relay.
import type { Store } from '@conveyor/store';
import type { IndexDescription } from 'mongodb';
import { jobsCollection } from './job-document.ts';

const jobIndexes: readonly IndexDescription[] = [
  { key: { tenantId: 1, createdAt: -1 }, name: 'tenant_created' },
  { key: { tenantId: 1, status: 1, runAt: 1 }, name: 'tenant_status_run_at' },
];

export async function ensureJobIndexes(store: Store): Promise<void> {
  for (const index of jobIndexes) await store.db.collection(jobsCollection).createIndexes([index]);
}
