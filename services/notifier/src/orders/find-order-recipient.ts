// Reads who to tell about an order from its document (owned by @conveyor/orders; read-only here).
// Events carry the order and tenant ids but not the address, so the order is the source of truth.
import { PermanentError } from '@conveyor/contracts';
import { orderDocument, OrderNotFoundError, ordersCollection, type OrderDocument } from '@conveyor/orders';
import type { Db } from 'mongodb';
import { z } from 'zod';
import { NotifierErrorCode } from '../notifier-error-codes.ts';

const orderRecipient = orderDocument
  .pick({ _id: true, tenantId: true, items: true })
  .extend({ email: z.email() });

export type OrderRecipient = z.infer<typeof orderRecipient>;

export interface OrderRef {
  orderId: string;
  tenantId: string;
}

export type FindOrderRecipient = (ref: OrderRef) => Promise<OrderRecipient>;

export function orderRecipients(db: Db): FindOrderRecipient {
  const orders = db.collection<OrderDocument>(ordersCollection);
  return async ({ orderId, tenantId }) => {
    // The tenant is part of the key: an event never reads another tenant's order.
    const found = await orders.findOne(
      { _id: orderId, tenantId },
      { projection: { _id: 1, tenantId: 1, email: 1, items: 1 } },
    );
    if (found === null) {
      // The order's own write may not be visible yet; the retry tiers give it time, up to the attempt limit.
      throw new OrderNotFoundError(tenantId, orderId);
    }
    const parsed = orderRecipient.safeParse(found);
    if (!parsed.success) {
      throw new PermanentError(
        NotifierErrorCode.orderUnreadable,
        `order ${orderId} has no usable recipient: ${z.prettifyError(parsed.error)}`,
      );
    }
    return parsed.data;
  };
}
