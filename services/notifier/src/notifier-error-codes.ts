// The notifier's stable error codes, in one place. Each is thrown as a RetryableError or a
// PermanentError; the consumer host decides retry or dead letter from the class, never from text.

export const NotifierErrorCode = {
  /** Retryable: the order write may lag behind its event. */
  orderNotFound: 'ORDER_NOT_FOUND',
  /** Permanent: the order document has no usable e-mail address. */
  orderUnreadable: 'ORDER_UNREADABLE',
  /** Retryable: another delivery is sending this notification right now. */
  notificationInProgress: 'NOTIFICATION_IN_PROGRESS',
  /** Retryable: no connection, a timeout, a 4xx reply or a rejected login (fix the config, replay). */
  smtpUnavailable: 'SMTP_UNAVAILABLE',
  /** Permanent: the server refused this message or recipient for good (5xx). */
  smtpRejected: 'SMTP_REJECTED',
  /** Retryable: no answer, a timeout, 5xx, 408, 425 or 429 from the tenant's endpoint. */
  webhookUnavailable: 'WEBHOOK_UNAVAILABLE',
  /** Permanent: any other non-2xx answer (4xx, or a redirect: webhooks are not followed). */
  webhookRejected: 'WEBHOOK_REJECTED',
  /** Permanent: the tenant's webhook settings do not parse (a URL without a secret, say). */
  tenantSettingsInvalid: 'TENANT_SETTINGS_INVALID',
} as const;

export type NotifierErrorCode = (typeof NotifierErrorCode)[keyof typeof NotifierErrorCode];
