// The notifier's stable error codes and their verdicts, in one place (an order not found is
// @conveyor/orders' ORDER_NOT_FOUND). Each is thrown as a RetryableError or a PermanentError as its
// verdict says; the consumer host decides retry or dead letter from the class, never from text.
import { defineErrorCodes, type ErrorCodeOf } from '@conveyor/contracts';

export const NotifierErrorCode = defineErrorCodes({
  /** The order document has no usable e-mail address. */
  orderUnreadable: ['ORDER_UNREADABLE', 'permanent'],
  /** Another delivery is sending this notification right now. */
  notificationInProgress: ['NOTIFICATION_IN_PROGRESS', 'retryable'],
  /** No connection, a timeout, a 4xx reply or a rejected login (fix the config, replay). */
  smtpUnavailable: ['SMTP_UNAVAILABLE', 'retryable'],
  /** The server refused this message or recipient for good (5xx). */
  smtpRejected: ['SMTP_REJECTED', 'permanent'],
  /** No answer, a timeout, 5xx, 408, 425 or 429 from the tenant's endpoint. */
  webhookUnavailable: ['WEBHOOK_UNAVAILABLE', 'retryable'],
  /** Any other non-2xx answer (4xx, or a redirect: webhooks are not followed). */
  webhookRejected: ['WEBHOOK_REJECTED', 'permanent'],
  /** The tenant's webhook settings do not parse (a URL without a secret, say). */
  tenantSettingsInvalid: ['TENANT_SETTINGS_INVALID', 'permanent'],
  /** A sent mark got no answer in time; tried again (mark-sent-until-recorded.ts). */
  sentMarkTimeout: ['SENT_MARK_TIMEOUT', 'retryable'],
});

export type NotifierErrorCode = ErrorCodeOf<typeof NotifierErrorCode>;
