// order.placed.v1 → reserve the items → order.stock-reserved.v1
import { stepIdempotencyKey } from '@conveyor/orders';
import type { ForwardStep } from '../workflow/run-forward-step.ts';

export const reserveStock: ForwardStep = {
  step: 'reserve',
  async perform({ providers }, order, signal) {
    const { reservationId } = await providers.inventory.reserve({
      idempotencyKey: stepIdempotencyKey(order._id, 'reserve'),
      tenantId: order.tenantId,
      orderId: order._id,
      items: order.items,
      signal,
    });
    return { step: 'reserve', reservationId };
  },
};
