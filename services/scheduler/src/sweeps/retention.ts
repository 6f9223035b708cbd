// Data retention (FerretDB has no TTL indexes): inbox records, finished jobs, old schedule runs,
// stuck-order sweep records, order idempotency keys and outbox sent-markers are deleted once older
// than their retention period.
import { idempotencyKeysCollection } from '@conveyor/orders';
import { deleteOutboxMarkersOlderThan, type Inbox, type Store } from '@conveyor/store';
import { finishedJobStatuses, jobsCollection } from '../jobs/job-document.ts';
import type { ScheduleRuns } from '../schedules/schedule-runs.ts';
import { orderSweepsCollection } from './stuck-orders.ts';

const hourMs = 3_600_000;

export interface RetentionCounts {
  inboxRecords: number;
  jobs: number;
  scheduleRuns: number;
  orderSweeps: number;
  idempotencyKeys: number;
  outboxMarkers: number;
}

export interface RetentionSettings {
  readonly inboxRetentionHours: number;
  readonly jobRetentionHours: number;
  /** A request retried with the same Idempotency-Key after this long creates a new order. */
  readonly idempotencyKeyRetentionHours: number;
}

export async function applyRetention(
  deps: { store: Store; inbox: Pick<Inbox, 'deleteOlderThan'>; runs: ScheduleRuns },
  settings: RetentionSettings,
  now: Date,
): Promise<RetentionCounts> {
  const inboxCutoff = new Date(now.getTime() - settings.inboxRetentionHours * hourMs);
  const jobCutoff = new Date(now.getTime() - settings.jobRetentionHours * hourMs);
  const inboxRecords = await deps.inbox.deleteOlderThan(inboxCutoff);
  const jobs = await deps.store.db
    .collection(jobsCollection)
    .deleteMany({ status: { $in: [...finishedJobStatuses] }, updatedAt: { $lt: jobCutoff } });
  const scheduleRuns = await deps.runs.deleteOlderThan(jobCutoff);
  const orderSweeps = await deps.store.db
    .collection(orderSweepsCollection)
    .deleteMany({ sweptAt: { $lt: jobCutoff } });
  const keyCutoff = new Date(now.getTime() - settings.idempotencyKeyRetentionHours * hourMs);
  const keys = await deps.store.db
    .collection(idempotencyKeysCollection)
    .deleteMany({ createdAt: { $lt: keyCutoff } });
  // Markers only matter while a relay may still rescan their document (one grace period back), so
  // the job retention, counted in hours, is always long enough.
  const outboxMarkers = await deleteOutboxMarkersOlderThan(deps.store, jobCutoff);
  return {
    inboxRecords,
    jobs: jobs.deletedCount,
    scheduleRuns,
    orderSweeps: orderSweeps.deletedCount,
    idempotencyKeys: keys.deletedCount,
    outboxMarkers,
  };
}
