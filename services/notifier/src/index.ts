// @conveyor/notifier: the service's start function and the contracts tenants and tests rely on
// (ids, headers, signature, payload, collections).
export { startNotifier, type Notifier, type NotifierDeps } from './notifier.ts';
export { notifierEnv, readConfig, type NotifierConfig } from './config.ts';
export { notifierQueue, notifierQueueName } from './topology.ts';
export {
  notificationKinds,
  notifiedEvents,
  type NotificationKind,
  type OrderEvent,
} from './notification-kind.ts';
export { NotifierErrorCode } from './notifier-error-codes.ts';
export { notifierCollections, ensureNotifierIndexes } from './collections.ts';
export {
  notificationRecord,
  notificationId,
  notificationChannels,
  type NotificationRecord,
  type NotificationChannel,
} from './send-once/notification-record.ts';
export { emailMessageId, messageIdDomain } from './email/email-message-id.ts';
export { tenantSettingsDocument, type TenantSettingsDocument } from './webhook/tenant-webhook.ts';
export {
  WebhookHeader,
  webhookSecretPattern,
  webhookSignature,
  webhookSignatureHeader,
  verifyWebhook,
} from './webhook/webhook-signature.ts';
export { webhookPayload, type WebhookPayload } from './webhook/webhook-payload.ts';
