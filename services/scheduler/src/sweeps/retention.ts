// Data retention (FerretDB has no TTL indexes): the leader asks each owner to delete what is older than
// its retention period — the inbox, finished jobs, schedule runs, the stuck-order sweep's records, order
// idempotency keys, the orders' step records and retry notes, and outbox sent markers. It deletes
// nothing itself.
import { deleteFinishedJobsOlderThan } from '@conveyor/jobs';
import { deleteIdempotencyKeysOlderThan, deleteStepBookkeepingOlderThan } from '@conveyor/orders';
import { deleteOutboxMarkersOlderThan } from '@conveyor/outbox';
import type { ScheduleRuns } from '@conveyor/schedules';
import type { Inbox, Store } from '@conveyor/store';
import { deleteOrderSweepsOlderThan } from './stuck-orders.ts';

const hourMs = 3_600_000;

export interface RetentionCounts {
  inboxRecords: number;
  jobs: number;
  scheduleRuns: number;
  orderSweeps: number;
  idempotencyKeys: number;
  /** The orders' step records and retry notes. */
  orderStepRecords: number;
  orderStepRetries: number;
  outboxMarkers: number;
}

export interface RetentionSettings {
  readonly inboxRetentionHours: number;
  readonly jobRetentionHours: number;
  /** A request retried with the same Idempotency-Key after this long creates a new order. */
  readonly idempotencyKeyRetentionHours: number;
}

export async function applyRetention(
  deps: { store: Store; inbox: Pick<Inbox, 'deleteOlderThan'>; runs: Pick<ScheduleRuns, 'deleteOlderThan'> },
  settings: RetentionSettings,
  now: Date,
): Promise<RetentionCounts> {
  const { store } = deps;
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * hourMs);
  const jobCutoff = hoursAgo(settings.jobRetentionHours);
  // Per-message bookkeeping like the inbox: a step record matters until its write is on the order, a
  // retry note until its copy is back.
  const stepBookkeeping = await deleteStepBookkeepingOlderThan(store, hoursAgo(settings.inboxRetentionHours));
  return {
    inboxRecords: await deps.inbox.deleteOlderThan(hoursAgo(settings.inboxRetentionHours)),
    jobs: await deleteFinishedJobsOlderThan(store, jobCutoff),
    scheduleRuns: await deps.runs.deleteOlderThan(jobCutoff),
    orderSweeps: await deleteOrderSweepsOlderThan(store, jobCutoff),
    idempotencyKeys: await deleteIdempotencyKeysOlderThan(
      store,
      hoursAgo(settings.idempotencyKeyRetentionHours),
    ),
    orderStepRecords: stepBookkeeping.stepRecords,
    orderStepRetries: stepBookkeeping.stepRetries,
    // Markers only matter while a relay may still rescan their document (one grace period back), so
    // the job retention, counted in hours, is always long enough.
    outboxMarkers: await deleteOutboxMarkersOlderThan(store, jobCutoff),
  };
}
