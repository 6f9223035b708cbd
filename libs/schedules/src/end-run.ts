// Ending a run whose job worker will never record an outcome: its job was dead-lettered (crash loop,
// attempts exhausted, invalid body, unroutable…) or nothing was heard of it within the run timeout (a
// worker killed for good). The run becomes `failed` with the reason, so overlap `skip` stops waiting
// for it and whoever reads the run sees why it ended.
import type { Store } from '@conveyor/store';
import { scheduleRunsCollection, unfinishedRunStatuses, type RunReason } from './schedule-runs.ts';

export interface RunEnd {
  reason: Extract<RunReason, 'dead-lettered' | 'run-timeout'>;
  /** What operators read on the run: the dead letter's reason and error, or the timeout. */
  error: string;
  at: Date;
}

/**
 * Marks the run `failed` if it is still `fired` or `running`; true when it did. A run the worker has
 * finished meanwhile keeps its outcome. FerretDB does not isolate the condition from the write, so a
 * worker finishing at the same instant may be overwritten; either way the run no longer blocks.
 */
export async function endUnfinishedRun(
  store: Store,
  run: { runId: string; tenantId?: string | undefined },
  end: RunEnd,
): Promise<boolean> {
  const ended = await store.db
    .collection<{ _id: string; tenantId: string; status: string }>(scheduleRunsCollection)
    .updateOne(
      {
        _id: run.runId,
        ...(run.tenantId === undefined ? {} : { tenantId: run.tenantId }),
        status: { $in: [...unfinishedRunStatuses] },
      },
      { $set: { status: 'failed', reason: end.reason, error: end.error, updatedAt: end.at } },
    );
  return ended.matchedCount > 0;
}
