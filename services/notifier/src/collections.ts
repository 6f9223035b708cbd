// The collections the notifier reads and writes, and the index it needs on its own.
import { createIndexesOneByOne } from '@conveyor/store';
import type { Db } from 'mongodb';

export const notifierCollections = {
  /** One record per notification (`email:<orderId>:<kind>`, `webhook:<orderId>:<kind>`). */
  notifications: 'notifications',
  /** Insert-only claims that arbitrate who re-sends a notification whose sender died or failed. */
  notificationTakeovers: 'notification_takeovers',
  /** Read-only here: `{_id: tenantId, webhookUrl, webhookSecret, webhookSecrets}`. */
  tenantSettings: 'tenant_settings',
} as const;

/**
 * Idempotent; call once at start-up. Lets operators find what an order's customer was told, and each
 * notification's takeovers. It also creates both collections before any load: FerretDB 1.24 creates a
 * collection under its metadata write lock, which can deadlock it under load (see createIndexesOneByOne).
 */
export async function ensureNotifierIndexes(db: Db): Promise<void> {
  await createIndexesOneByOne(db, notifierCollections.notifications, [
    { key: { tenantId: 1, orderId: 1 }, name: 'tenantId_orderId' },
  ]);
  await createIndexesOneByOne(db, notifierCollections.notificationTakeovers, [
    { key: { tenantId: 1, notificationId: 1 }, name: 'tenantId_notificationId' },
  ]);
}
