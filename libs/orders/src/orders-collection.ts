import type { Store } from '@conveyor/store';
import type { Collection } from 'mongodb';
import { ordersCollection, type OrderDocument } from './order-document.ts';

export function orders(store: Store): Collection<OrderDocument> {
  return store.db.collection<OrderDocument>(ordersCollection);
}
