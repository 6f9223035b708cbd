// The order workflow's messages: one per step (pipes and filters). Every body names its tenant and
// carries the order's sequence number, so consumers that must apply events in order can ignore stale ones.
import { z } from 'zod';
import { defineMessage } from '../message-type.ts';

export const tenantId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and -');
export const orderId = z.string().min(1).max(64);
export const sku = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9-]+$/, 'letters, digits and -');

export const orderItem = z.strictObject({
  sku,
  qty: z.number().int().min(1).max(1_000),
});

export type OrderItem = z.infer<typeof orderItem>;

const orderRef = {
  orderId,
  tenantId,
  /** Per-order sequence number of this event, from 1 (order.placed) upward. */
  sequence: z.number().int().positive(),
};

export const orderPlaced = defineMessage(
  'order.placed.v1',
  z.strictObject({
    ...orderRef,
    customerId: z.string().min(1).max(64),
    email: z.email(),
    items: z.array(orderItem).min(1).max(100),
    express: z.boolean(),
    placedAt: z.iso.datetime(),
  }),
);

export const orderStockReserved = defineMessage(
  'order.stock-reserved.v1',
  z.strictObject({ ...orderRef, reservationId: z.string().min(1) }),
);

export const orderPaymentCaptured = defineMessage(
  'order.payment-captured.v1',
  z.strictObject({ ...orderRef, paymentId: z.string().min(1), amountCents: z.number().int().nonnegative() }),
);

export const orderShipped = defineMessage(
  'order.shipped.v1',
  z.strictObject({ ...orderRef, shipmentId: z.string().min(1), trackingCode: z.string().min(1) }),
);

export const orderCompleted = defineMessage('order.completed.v1', z.strictObject({ ...orderRef }));

/** A step failed for good: undo the completed steps in reverse order. */
export const orderCompensationRequested = defineMessage(
  'order.compensation-requested.v1',
  z.strictObject({ ...orderRef, failedStep: z.enum(['reserve', 'payment', 'shipping']), reason: z.string() }),
);

/** Compensation finished: every completed step was undone. The customer is told. */
export const orderCompensated = defineMessage(
  'order.compensated.v1',
  z.strictObject({ ...orderRef, failedStep: z.enum(['reserve', 'payment', 'shipping']), reason: z.string() }),
);

export const orderSteps = ['reserve', 'payment', 'shipping'] as const;
export type OrderStep = (typeof orderSteps)[number];

export const orderStatuses = [
  'accepted',
  'in_progress',
  'completed',
  'compensating',
  'compensated',
  'failed',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** Request/reply: a price and availability quote, answered by the fulfilment workers. */
export const quoteRequested = defineMessage(
  'quote.requested.v1',
  z.strictObject({ tenantId, sku, qty: z.number().int().min(1).max(1_000) }),
);

export const quoteResult = z.strictObject({
  sku,
  qty: z.number().int(),
  available: z.boolean(),
  unitPriceCents: z.number().int().nonnegative(),
  totalCents: z.number().int().nonnegative(),
});

export type QuoteResult = z.infer<typeof quoteResult>;
