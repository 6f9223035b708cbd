// A private database per test (dropped afterwards) with the order indexes, and order inputs.
import { randomUUID } from 'node:crypto';
import { ensureOrderIndexes, getOrder, type CreateOrderInput, type OrderDocument } from '@conveyor/orders';
import { connectStore, type Store } from '@conveyor/store';
import { pino, type Logger } from 'pino';
import { serverUrls, uniqueName } from '../../support/index.ts';

export const silentLogger: Logger = pino({ level: 'silent' });

export interface TestStore {
  store: Store;
  drop(): Promise<void>;
}

export async function openOrderStore(): Promise<TestStore> {
  const store = await connectStore({
    url: serverUrls().mongoUrl,
    dbName: uniqueName('conveyor_fulfilment_test'),
    logger: silentLogger,
    appName: 'conveyor-fulfilment-test',
  });
  await store.ensureIndexes();
  await ensureOrderIndexes(store);
  return {
    store,
    async drop() {
      await store.db.dropDatabase();
      await store.close();
    },
  };
}

export function orderInput(fields: Partial<CreateOrderInput> = {}): CreateOrderInput {
  return {
    orderId: randomUUID(),
    tenantId: 'acme',
    customerId: 'customer-1',
    email: 'customer@example.com',
    items: [{ sku: 'WIDGET-1', qty: 2 }],
    express: false,
    traceId: null,
    idempotencyKey: null,
    requestHash: null,
    ...fields,
  };
}

/** The order as stored now; throws when it is gone. */
export async function storedOrder(store: Store, order: OrderDocument): Promise<OrderDocument> {
  const current = await getOrder(store, order.tenantId, order._id);
  if (current === null) throw new Error(`order ${order._id} is gone`);
  return current;
}
