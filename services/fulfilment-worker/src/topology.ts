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

/**
 * The workflow's two triggers on one priority queue: express orders (priority 8) are served first. The
 * step events (stock reserved, payment captured, shipped) are published for others: the forward path
 * runs in the delivery of order.placed.v1.
 */
export function ordersQueue(name: string, exchange: string): WorkQueueSpec {
  const consumed = [orderPlaced, orderCompensationRequested];
  // Each step had its own delivery before 2026-12: a queue declared then still carries these.
  const retired = [orderStockReserved, orderPaymentCaptured, orderShipped];
  return {
    name,
    maxPriority: 10,
    bindings: consumed.map((type) => ({ exchange, pattern: type.name })),
    retiredBindings: retired.map((type) => ({ exchange, pattern: type.name })),
  };
}

export function quotesQueue(name: string, exchange: string): WorkQueueSpec {
  return { name, bindings: [{ exchange, pattern: quoteRequested.name }] };
}
