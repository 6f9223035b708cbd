// POST /v1/orders's body: the same fields and limits as Conveyor's (the items are Conveyor's own
// schema from @conveyor/contracts), strict as Conveyor's is.
import { orderItem } from '@conveyor/contracts';
import { z } from 'zod';

export const placeOrderBody = z.strictObject({
  customerId: z.string().min(1).max(64),
  email: z.email(),
  items: z.array(orderItem).min(1).max(100),
  express: z.boolean().default(false),
});

export type PlaceOrderBody = z.infer<typeof placeOrderBody>;

export const idempotencyKey = z.string().min(1).max(200);
