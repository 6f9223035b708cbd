// The JSON a tenant's endpoint receives: the event's id (also in webhook-id), its
// versioned type, what it announces, and the event body as published on the bus.
import { z } from 'zod';
import { notificationKinds, type OrderEvent } from '../notification-kind.ts';

export const webhookPayload = z.strictObject({
  id: z.string(),
  /** The bus message type, e.g. `order.shipped.v1`. */
  type: z.string(),
  kind: z.enum(notificationKinds),
  data: z.record(z.string(), z.unknown()),
});

export type WebhookPayload = z.infer<typeof webhookPayload>;

export function buildWebhookPayload(eventId: string, event: OrderEvent): WebhookPayload {
  return { id: eventId, type: event.type, kind: event.kind, data: { ...event.body } };
}
