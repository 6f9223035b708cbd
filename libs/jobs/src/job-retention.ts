// Retention of `jobs` (FerretDB has no TTL indexes): finished jobs not updated since `cutoff` are
// deleted; jobs still waiting or running are kept however old. The stuck-job sweep's records older
// than `cutoff` go with them.
import type { Store } from '@conveyor/store';
import { finishedJobStatuses } from './job-document.ts';
import { jobs } from './jobs-collection.ts';
import { deleteJobSweepsOlderThan } from './stuck-jobs.ts';

export async function deleteFinishedJobsOlderThan(store: Store, cutoff: Date): Promise<number> {
  const deleted = await jobs(store).deleteMany({
    status: { $in: [...finishedJobStatuses] },
    updatedAt: { $lt: cutoff },
  });
  await deleteJobSweepsOlderThan(store, cutoff);
  return deleted.deletedCount;
}
