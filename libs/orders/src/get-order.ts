// Reads are always scoped to the tenant: another tenant's order id reads as absent.
import type { Store } from '@conveyor/store';
import { orderDocument, type OrderDocument } from './order-document.ts';
import { orders } from './orders-collection.ts';

export async function getOrder(
  store: Store,
  tenantId: string,
  orderId: string,
): Promise<OrderDocument | null> {
  const found = await orders(store).findOne({ _id: orderId, tenantId });
  return found === null ? null : orderDocument.parse(found);
}
