// What GET /v1/orders/{id} and the SSE snapshot show of an order document: no outbox, no hashes.
import type { OrderDocument, StepRecord } from '@conveyor/orders';
import type { OrderView } from './order-schemas.ts';

export function orderLinksOf(orderId: string): { self: string; events: string } {
  const self = `/v1/orders/${encodeURIComponent(orderId)}`;
  return { self, events: `${self}/events` };
}

export function toOrderView(order: OrderDocument): OrderView {
  return {
    id: order._id,
    status: order.status,
    customerId: order.customerId,
    items: order.items,
    express: order.express,
    steps: {
      reserve: stepView(order.steps.reserve),
      payment: stepView(order.steps.payment),
      shipping: stepView(order.steps.shipping),
    },
    history: order.history.map((entry) => ({
      at: entry.at.toISOString(),
      event: entry.event,
      ...(entry.detail === undefined ? {} : { detail: entry.detail }),
    })),
    failure: order.failure ?? null,
    sequence: order.sequence,
    traceId: order.traceId,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    links: orderLinksOf(order._id),
  };
}

function stepView(step: StepRecord): OrderView['steps']['reserve'] {
  return { ...step, updatedAt: step.updatedAt?.toISOString() ?? null };
}
