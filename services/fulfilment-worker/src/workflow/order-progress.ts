// Live progress on NATS after every recorded transition. Best-effort: the order document is the source
// of truth, so a progress event that cannot be published is logged by the events client and dropped.
import { orderProgressEvent, orderProgressSubject, type OrderStep } from '@conveyor/contracts';
import type { EventsClient } from '@conveyor/events';
import type { OrderDocument } from '@conveyor/orders';

export interface OrderProgress {
  announce(order: OrderDocument, change?: { step?: OrderStep; detail?: string }): void;
}

export type ProgressEvents = Pick<EventsClient, 'publish'>;

export function orderProgress(events: ProgressEvents | undefined): OrderProgress {
  return {
    announce(order, change = {}) {
      if (events === undefined) return;
      events.publish(orderProgressSubject(order.tenantId, order._id), orderProgressEvent, {
        orderId: order._id,
        tenantId: order.tenantId,
        sequence: order.sequence,
        status: order.status,
        ...(change.step === undefined ? {} : { step: change.step }),
        ...(change.detail === undefined ? {} : { detail: change.detail }),
        at: order.updatedAt.toISOString(),
        ...(order.traceId === null ? {} : { traceId: order.traceId }),
      });
    },
  };
}
