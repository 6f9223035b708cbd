// Indexes of the order collections, every one leading with tenantId; created one per command
// (FerretDB 1.24 drops the connection when one createIndexes names several existing indexes).
import { ensureOutboxIndexes, type Store } from '@conveyor/store';
import type { IndexDescription } from 'mongodb';
import { idempotencyKeysCollection } from './idempotency-keys.ts';
import { ordersCollection } from './order-document.ts';

const orderIndexes: readonly IndexDescription[] = [
  { key: { tenantId: 1, createdAt: -1 }, name: 'tenant_created' },
  { key: { tenantId: 1, customerId: 1, createdAt: -1 }, name: 'tenant_customer_created' },
  // The supervisor sweep: orders of a status whose step deadline has passed.
  { key: { tenantId: 1, status: 1, stepDeadline: 1 }, name: 'tenant_status_deadline' },
];

const keyIndexes: readonly IndexDescription[] = [
  { key: { tenantId: 1, createdAt: 1 }, name: 'tenant_created' },
];

export async function ensureOrderIndexes(store: Store): Promise<void> {
  for (const index of orderIndexes) await store.db.collection(ordersCollection).createIndexes([index]);
  for (const index of keyIndexes) await store.db.collection(idempotencyKeysCollection).createIndexes([index]);
  await ensureOutboxIndexes(store, [ordersCollection]);
}
