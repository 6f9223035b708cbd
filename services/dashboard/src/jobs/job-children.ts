// The children of a batch job, read by their ids (`<parent>-c<n>`, @conveyor/jobs' childJobId): the
// jobs library has no query by parent, and the ids are known from the parent's counts. The first
// `limit` only, so that a page of a batch of thousands stays one page.
import { childJobId, findJob, type JobDocument } from '@conveyor/jobs';
import type { Store } from '@conveyor/store';

export const childrenShown = 50;

export async function readJobChildren(
  store: Store,
  parent: JobDocument,
  limit = childrenShown,
): Promise<JobDocument[]> {
  const total = parent.children?.total ?? 0;
  const ids = Array.from({ length: Math.min(total, limit) }, (_, index) => childJobId(parent._id, index));
  const children = await Promise.all(ids.map((id) => findJob(store, id)));
  return children.filter((child) => child !== null);
}
