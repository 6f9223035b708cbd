// Retention of the orders' write bookkeeping (FerretDB has no TTL indexes): step records and retry
// notes older than `cutoff`, called by the scheduler's retention sweep. A step record only matters until
// its write is on the order document, and a retry note until its copy is back: hours at most.
import type { Store } from '@conveyor/store';
import { orderStepRecords } from './order-step-record.ts';
import { orderStepRetries } from './step-retries.ts';

export interface StepBookkeepingDeleted {
  stepRecords: number;
  stepRetries: number;
}

export async function deleteStepBookkeepingOlderThan(
  store: Store,
  cutoff: Date,
): Promise<StepBookkeepingDeleted> {
  const records = await orderStepRecords(store).deleteMany({ writtenAt: { $lt: cutoff } });
  const retries = await orderStepRetries(store).deleteMany({ notedAt: { $lt: cutoff } });
  return { stepRecords: records.deletedCount, stepRetries: retries.deletedCount };
}
