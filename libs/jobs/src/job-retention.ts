// Retention of `jobs` (FerretDB has no TTL indexes): finished jobs not updated since the cutoff are
// deleted; jobs still waiting or running are kept however old. A type registered with its own
// `retentionDays` uses that instead of the global cutoff. The stuck-job sweep's records older than the
// global cutoff go with them.
import type { Store } from '@conveyor/store';
import { finishedJobStatuses } from './job-document.ts';
import { listJobTypes } from './job-types/register-job-types.ts';
import { jobs } from './jobs-collection.ts';
import { deleteJobSweepsOlderThan } from './stuck-jobs.ts';

const dayMs = 24 * 60 * 60 * 1000;

export async function deleteFinishedJobsOlderThan(
  store: Store,
  cutoff: Date,
  now: Date = new Date(),
): Promise<number> {
  const ownRetention = (await listJobTypes(store)).filter((type) => type.retentionDays !== null);
  let deleted = 0;
  for (const type of ownRetention) {
    const typeCutoff = new Date(now.getTime() - (type.retentionDays ?? 0) * dayMs);
    deleted += (
      await jobs(store).deleteMany({
        type: type._id,
        status: { $in: [...finishedJobStatuses] },
        updatedAt: { $lt: typeCutoff },
      })
    ).deletedCount;
  }
  const others = await jobs(store).deleteMany({
    status: { $in: [...finishedJobStatuses] },
    updatedAt: { $lt: cutoff },
    ...(ownRetention.length === 0 ? {} : { type: { $nin: ownRetention.map((type) => type._id) } }),
  });
  await deleteJobSweepsOlderThan(store, cutoff);
  return deleted + others.deletedCount;
}
