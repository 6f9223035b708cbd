// Retention of `jobs` (FerretDB has no TTL indexes): finished jobs not updated since `cutoff` are
// deleted; jobs still waiting or running are kept however old.
import type { Store } from '@conveyor/store';
import { finishedJobStatuses } from './job-document.ts';
import { jobs } from './jobs-collection.ts';

export async function deleteFinishedJobsOlderThan(store: Store, cutoff: Date): Promise<number> {
  const deleted = await jobs(store).deleteMany({
    status: { $in: [...finishedJobStatuses] },
    updatedAt: { $lt: cutoff },
  });
  return deleted.deletedCount;
}
