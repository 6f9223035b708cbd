// What the customer is told, per order event: the kind names the notification in every
// deterministic id (record _id, Message-ID, webhook event id).
import {
  orderCompensated,
  orderCompleted,
  orderPaymentCaptured,
  orderShipped,
  type BodyOf,
} from '@conveyor/contracts';

/** `completed` goes to tenants' webhooks only: the customer already heard of payment and shipping. */
export const notificationKinds = ['confirmed', 'shipped', 'completed', 'failed'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** The order events the notifier consumes, each with the kind it announces. */
export const notifiedEvents = {
  confirmed: orderPaymentCaptured,
  shipped: orderShipped,
  completed: orderCompleted,
  failed: orderCompensated,
} as const;

/** One event to announce, its kind and body kept together so templates see the right fields. */
export type OrderEvent =
  | { kind: 'confirmed'; type: string; body: BodyOf<typeof orderPaymentCaptured> }
  | { kind: 'shipped'; type: string; body: BodyOf<typeof orderShipped> }
  | { kind: 'completed'; type: string; body: BodyOf<typeof orderCompleted> }
  | { kind: 'failed'; type: string; body: BodyOf<typeof orderCompensated> };
