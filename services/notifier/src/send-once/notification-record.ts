// The record of one notification: insert "sending" before the send, mark "sent" after it. Its _id
// is derived from the event, so every delivery of that event (any messageId) finds the same record.
import { z } from 'zod';
import { notificationKinds, type NotificationKind } from '../notification-kind.ts';

export const notificationChannels = ['email', 'webhook'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

/** `failed` is a released claim: the next delivery of the event tries again. */
export const notificationStates = ['sending', 'sent', 'failed'] as const;

export const notificationRecord = z.object({
  _id: z.string(),
  channel: z.enum(notificationChannels),
  kind: z.enum(notificationKinds),
  tenantId: z.string(),
  orderId: z.string(),
  state: z.enum(notificationStates),
  /** 1 for the first sender, +1 for each takeover (see notification_takeovers). */
  attempt: z.number().int().positive(),
  /** messageId of the delivery that holds (or last held) the claim. */
  holder: z.string(),
  /** A "sending" record past this time belongs to a sender that died: another may take over. */
  leaseUntil: z.date(),
  createdAt: z.date(),
  updatedAt: z.date(),
  sentAt: z.date().nullable(),
  /** What the peer answered (SMTP reply, HTTP status) when sent, or why the last try failed. */
  detail: z.string().nullable(),
});

export type NotificationRecord = z.infer<typeof notificationRecord>;

/** Insert-only: whoever inserts attempt n of a notification is its sender n. */
export const notificationTakeover = z.object({
  _id: z.string(),
  notificationId: z.string(),
  tenantId: z.string(),
  attempt: z.number().int().positive(),
  holder: z.string(),
  leaseUntil: z.date(),
  createdAt: z.date(),
});

export type NotificationTakeover = z.infer<typeof notificationTakeover>;

export interface NotificationTarget {
  channel: NotificationChannel;
  kind: NotificationKind;
  tenantId: string;
  orderId: string;
}

/** `email:<orderId>:<kind>` or `webhook:<orderId>:<kind>`: also the webhook's event id. */
export function notificationId({
  channel,
  orderId,
  kind,
}: Pick<NotificationTarget, 'channel' | 'orderId' | 'kind'>): string {
  return `${channel}:${orderId}:${kind}`;
}

export function takeoverId(id: string, attempt: number): string {
  return `${id}#${attempt}`;
}
