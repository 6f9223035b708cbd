// The words of each order e-mail. Plain text only; no internal failure reasons reach the customer.
import type { OrderEvent } from '../notification-kind.ts';
import type { OrderRecipient } from '../orders/find-order-recipient.ts';

export interface EmailContent {
  subject: string;
  text: string;
}

/** Whether the customer is e-mailed about events of this kind: no order is read for the others. */
export function isEmailed(kind: OrderEvent['kind']): boolean {
  return kind !== 'completed';
}

/** The e-mail for an event, or undefined for events the customer is not e-mailed about. */
export function composeEmail(event: OrderEvent, order: OrderRecipient): EmailContent | undefined {
  const { orderId } = event.body;
  switch (event.kind) {
    case 'confirmed':
      return {
        subject: `Order ${orderId} confirmed`,
        text: [
          `Thank you: we have received your payment and your order ${orderId} is confirmed.`,
          '',
          ...order.items.map((item) => `  ${item.qty} × ${item.sku}`),
          '',
          'We will write again when it ships.',
        ].join('\n'),
      };
    case 'shipped':
      return {
        subject: `Order ${orderId} shipped`,
        text: [`Your order ${orderId} is on its way.`, '', `Tracking code: ${event.body.trackingCode}`].join(
          '\n',
        ),
      };
    case 'completed':
      // isEmailed() says no: the customer already heard of payment and shipping.
      return undefined;
    case 'failed':
      return {
        subject: `Order ${orderId} could not be completed`,
        text: [
          `We are sorry: we could not complete your order ${orderId}.`,
          'Anything we had reserved or charged for it has been released or refunded.',
        ].join('\n'),
      };
  }
}
