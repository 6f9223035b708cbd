// Span attribute names of our own for notification calls (the standard ones come from
// @opentelemetry/semantic-conventions). Candidates for ConveyorAttribute in @conveyor/telemetry.

export const NotifierAttribute = {
  /** The deterministic notification id, e.g. `email:<orderId>:confirmed`. */
  notificationId: 'conveyor.notification.id',
  /** The e-mail's deterministic Message-ID header. */
  emailMessageId: 'conveyor.email.message_id',
} as const;

export type NotifierAttribute = (typeof NotifierAttribute)[keyof typeof NotifierAttribute];
