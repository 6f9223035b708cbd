// Every index of the collections the gateway writes, created at start-up (idempotent).
import { ensureApiKeyIndexes } from '@conveyor/api-keys';
import { ensureJobIndexes } from '@conveyor/jobs';
import { ensureOrderIndexes } from '@conveyor/orders';
import { ensureScheduleIndexes } from '@conveyor/schedules';
import type { Store } from '@conveyor/store';

export async function ensureGatewayIndexes(store: Store): Promise<void> {
  await ensureApiKeyIndexes(store);
  await ensureOrderIndexes(store);
  await ensureJobIndexes(store);
  await ensureScheduleIndexes(store);
}
