// Indexes of the order collections, leading with tenantId except the cross-tenant sweep's; only the
// missing ones are created, one per command (see createIndexesOneByOne in @conveyor/store for why, on
// FerretDB).
import { ensureOutboxIndexes } from '@conveyor/outbox';
import { createIndexesOneByOne, type Store } from '@conveyor/store';
import type { IndexDescription } from 'mongodb';
import { idempotencyKeysCollection } from './idempotency-keys.ts';
import { ordersCollection } from './order-document.ts';
import { orderStepsCollection } from './order-step-record.ts';
import { orderStepRetriesCollection } from './step-retries.ts';

const orderIndexes: readonly IndexDescription[] = [
  { key: { tenantId: 1, createdAt: -1 }, name: 'tenant_created' },
  { key: { tenantId: 1, customerId: 1, createdAt: -1 }, name: 'tenant_customer_created' },
  // An operator's view of one tenant: its orders of a status by step deadline.
  { key: { tenantId: 1, status: 1, stepDeadline: 1 }, name: 'tenant_status_deadline' },
  // The stuck-order sweep, across tenants: orders of a status whose step deadline has passed.
  { key: { status: 1, stepDeadline: 1 }, name: 'status_deadline' },
];

const keyIndexes: readonly IndexDescription[] = [
  { key: { tenantId: 1, createdAt: 1 }, name: 'tenant_created' },
];

// Step records are read by _id only; retention deletes them by age.
const stepRecordIndexes: readonly IndexDescription[] = [{ key: { writtenAt: 1 }, name: 'written' }];

const stepRetryIndexes: readonly IndexDescription[] = [
  // The sweep: the latest retry of a step message.
  { key: { tenantId: 1, messageId: 1, attempt: -1 }, name: 'tenant_message_attempt' },
  { key: { notedAt: 1 }, name: 'noted' },
];

export async function ensureOrderIndexes(store: Store): Promise<void> {
  await createIndexesOneByOne(store.db, ordersCollection, orderIndexes);
  await createIndexesOneByOne(store.db, idempotencyKeysCollection, keyIndexes);
  await createIndexesOneByOne(store.db, orderStepsCollection, stepRecordIndexes);
  await createIndexesOneByOne(store.db, orderStepRetriesCollection, stepRetryIndexes);
  await ensureOutboxIndexes(store, [ordersCollection]);
}
