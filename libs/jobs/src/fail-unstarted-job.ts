// Ends a job that was accepted but can never start: `failed` with the reason, in its history too, so
// the client (GET /v1/jobs/{id}) and operators (the dashboard's jobs page) see why. Conditional on
// `accepted`: a job a worker has taken meanwhile is left to the worker.
import type { Store } from '@conveyor/store';
import { jobs } from './jobs-collection.ts';

/** True when the job was still `accepted` and is now `failed`. */
export async function failUnstartedJob(
  store: Store,
  jobId: string,
  reason: string,
  now: Date,
): Promise<boolean> {
  const result = await jobs(store).updateOne(
    { _id: jobId, status: 'accepted' },
    {
      $set: { status: 'failed', error: reason, updatedAt: now },
      $push: { history: { at: now, event: 'failed', detail: reason } },
    },
  );
  return result.matchedCount > 0;
}
