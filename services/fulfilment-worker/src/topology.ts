// The queues this service owns (`<service>.<purpose>`) and the events they are bound to.
import type { WorkQueueSpec } from '@conveyor/bus';
import {
  orderCompensationRequested,
  orderPaymentCaptured,
  orderPlaced,
  orderShipped,
  orderStockReserved,
  quoteRequested,
  WorkQueue,
} from '@conveyor/contracts';

export const defaultQueueNames = {
  orders: WorkQueue.fulfilmentOrders,
  quotes: WorkQueue.fulfilmentQuotes,
} as const;

/** Every workflow message on one priority queue: express orders (priority 8) are served first. */
export function ordersQueue(name: string, exchange: string): WorkQueueSpec {
  const consumed = [
    orderPlaced,
    orderStockReserved,
    orderPaymentCaptured,
    orderShipped,
    orderCompensationRequested,
  ];
  return {
    name,
    maxPriority: 10,
    bindings: consumed.map((type) => ({ exchange, pattern: type.name })),
  };
}

export function quotesQueue(name: string, exchange: string): WorkQueueSpec {
  return { name, bindings: [{ exchange, pattern: quoteRequested.name }] };
}
