// The collections the notifier reads and writes, and the index it needs on its own.
import type { Db } from 'mongodb';

export const notifierCollections = {
  /** One record per notification (`email:<orderId>:<kind>`, `webhook:<orderId>:<kind>`). */
  notifications: 'notifications',
  /** Insert-only claims that arbitrate who re-sends a notification whose sender died or failed. */
  notificationTakeovers: 'notification_takeovers',
  /** Read-only here: `{_id: tenantId, webhookUrl, webhookSecret}`. */
  tenantSettings: 'tenant_settings',
} as const;

/** Idempotent; call once at start-up. Lets operators find what an order's customer was told. */
export async function ensureNotifierIndexes(db: Db): Promise<void> {
  await db
    .collection(notifierCollections.notifications)
    .createIndexes([{ key: { tenantId: 1, orderId: 1 }, name: 'tenantId_orderId' }]);
}
