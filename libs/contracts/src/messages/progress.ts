// Live progress events on NATS (best-effort; the order/job document is the source of truth).
import { z } from 'zod';
import { orderStatuses, orderSteps, tenantId } from './orders.ts';

export const orderProgressEvent = z.strictObject({
  orderId: z.string(),
  tenantId,
  sequence: z.number().int().positive(),
  status: z.enum(orderStatuses),
  step: z.enum(orderSteps).optional(),
  detail: z.string().optional(),
  at: z.iso.datetime(),
  traceId: z.string().optional(),
});

export type OrderProgressEvent = z.infer<typeof orderProgressEvent>;

/** NATS subject of one order's progress: `conveyor.progress.<tenant>.order.<orderId>`. */
export function orderProgressSubject(tenant: string, order: string): string {
  return `conveyor.progress.${tenant}.order.${order}`;
}
