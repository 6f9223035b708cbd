// The HTTP shapes of orders: the request body (strict: unknown fields are rejected) and the views.
import { orderItem, orderStatuses, orderSteps } from '@conveyor/contracts';
import { stepStates } from '@conveyor/orders';
import { z } from 'zod';
import { resourceId } from '../http/resource-id.ts';

export const placeOrderBody = z
  .strictObject({
    customerId: z.string().min(1).max(64),
    email: z.email(),
    items: z.array(orderItem).min(1).max(100),
    /** Express orders are fulfilled at a higher priority. */
    express: z.boolean().default(false),
  })
  .meta({ id: 'PlaceOrder' });

export type PlaceOrderBody = z.infer<typeof placeOrderBody>;

export const orderParams = z.strictObject({ id: resourceId(64) });

export const orderLinks = z.object({ self: z.string(), events: z.string() });

export const orderAccepted = z
  .object({
    id: z.string(),
    status: z.literal('accepted'),
    traceId: z.string().nullable(),
    links: orderLinks,
  })
  .meta({ id: 'OrderAccepted' });

const stepView = z.object({
  state: z.enum(stepStates),
  ref: z.string().nullable(),
  attempts: z.number().int(),
  updatedAt: z.iso.datetime().nullable(),
  error: z.string().nullable(),
});

export const orderView = z
  .object({
    id: z.string(),
    status: z.enum(orderStatuses),
    customerId: z.string(),
    items: z.array(orderItem),
    express: z.boolean(),
    steps: z.object({ reserve: stepView, payment: stepView, shipping: stepView }),
    history: z.array(z.object({ at: z.iso.datetime(), event: z.string(), detail: z.string().optional() })),
    failure: z.object({ step: z.enum(orderSteps), reason: z.string() }).nullable(),
    /** Sequence number of the last event written; SSE progress events carry the same numbering. */
    sequence: z.number().int(),
    traceId: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    links: orderLinks,
  })
  .meta({ id: 'Order' });

export type OrderView = z.infer<typeof orderView>;
