// order.stock-reserved.v1 → charge the customer for the items at list price → order.payment-captured.v1
import { stepIdempotencyKey, type OrderDocument } from '@conveyor/orders';
import type { PriceList } from '../providers/price-list.ts';
import type { ForwardStep } from '../workflow/run-forward-step.ts';

export const takePayment: ForwardStep = {
  step: 'payment',
  async perform({ providers }, order, signal) {
    const amountCents = await orderTotalCents(providers.prices, order);
    const { paymentId, amountCents: captured } = await providers.payment.capture({
      idempotencyKey: stepIdempotencyKey(order._id, 'payment'),
      tenantId: order.tenantId,
      orderId: order._id,
      customerId: order.customerId,
      amountCents,
      items: order.items,
      signal,
    });
    return { step: 'payment', paymentId, amountCents: captured };
  },
};

export async function orderTotalCents(prices: PriceList, order: OrderDocument): Promise<number> {
  let total = 0;
  for (const item of order.items) total += (await prices.unitPriceCents(order.tenantId, item.sku)) * item.qty;
  return total;
}
