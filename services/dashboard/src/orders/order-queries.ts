// Orders as operators look them up: by id across tenants (order ids are unique), or the newest of a
// status and/or tenant. Read-only; every write to an order is @conveyor/orders'.
import { orderDocument, ordersCollection, type OrderDocument } from '@conveyor/orders';
import type { Store } from '@conveyor/store';
import type { Document, Filter } from 'mongodb';

export interface OrderQuery {
  status?: string | undefined;
  tenantId?: string | undefined;
  limit: number;
}

export async function findOrder(store: Store, orderId: string): Promise<OrderDocument | null> {
  const found = await store.db.collection<{ _id: string }>(ordersCollection).findOne({ _id: orderId });
  return found === null ? null : orderDocument.parse(found);
}

/** Newest first. Documents that do not parse are left out (the count says how many). */
export async function listOrders(
  store: Store,
  query: OrderQuery,
): Promise<{ orders: OrderDocument[]; unreadable: number }> {
  const filter: Filter<Document> = {};
  if (query.tenantId !== undefined) filter.tenantId = query.tenantId;
  if (query.status !== undefined) filter.status = query.status;
  const found = await store.db
    .collection(ordersCollection)
    .find(filter, { projection: { outbox: 0 } })
    .sort({ createdAt: -1 })
    .limit(query.limit)
    .toArray();
  const parsed = found.map((document) => orderDocument.safeParse(document));
  return {
    orders: parsed.flatMap((result) => (result.success ? [result.data] : [])),
    unreadable: parsed.filter((result) => !result.success).length,
  };
}
