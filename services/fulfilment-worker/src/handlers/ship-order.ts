// order.payment-captured.v1 → hand the parcel to the carrier → order.shipped.v1
import { stepIdempotencyKey } from '@conveyor/orders';
import type { ForwardStep } from '../workflow/run-forward-step.ts';

export const shipOrder: ForwardStep = {
  step: 'shipping',
  async perform({ providers }, order, signal) {
    const { shipmentId, trackingCode } = await providers.shipping.ship({
      idempotencyKey: stepIdempotencyKey(order._id, 'shipping'),
      tenantId: order.tenantId,
      orderId: order._id,
      items: order.items,
      express: order.express,
      signal,
    });
    return { step: 'shipping', shipmentId, trackingCode };
  },
};
