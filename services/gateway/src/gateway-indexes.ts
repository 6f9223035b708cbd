// Every index of the collections the gateway writes, created at start-up (idempotent).
import { ensureOrderIndexes } from '@conveyor/orders';
import type { Store } from '@conveyor/store';
import { ensureJobIndexes } from './jobs/job-indexes.ts';
import { ensureScheduleIndexes } from './schedules/schedule-store.ts';

export async function ensureGatewayIndexes(store: Store): Promise<void> {
  await ensureOrderIndexes(store);
  await ensureJobIndexes(store);
  await ensureScheduleIndexes(store);
}
