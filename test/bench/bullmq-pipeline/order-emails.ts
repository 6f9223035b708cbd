// The words of the peer's two order e-mails: the same as Conveyor's notifier sends
// (services/notifier/src/email/compose-email.ts, which its package does not export), so both pipelines
// send messages of the same size. The Message-ID is deterministic, as Conveyor's, so that the bench can
// count each e-mail exactly once.
import type { OrderItem } from '@conveyor/contracts';
import type { EmailKind } from './peer-keys.ts';

export interface PeerEmail {
  subject: string;
  text: string;
}

export function composePeerEmail(
  kind: EmailKind,
  order: { id: string; items: readonly OrderItem[]; trackingCode?: string },
): PeerEmail {
  switch (kind) {
    case 'confirmed':
      return {
        subject: `Order ${order.id} confirmed`,
        text: [
          `Thank you: we have received your payment and your order ${order.id} is confirmed.`,
          '',
          ...order.items.map((item) => `  ${item.qty} × ${item.sku}`),
          '',
          'We will write again when it ships.',
        ].join('\n'),
      };
    case 'shipped':
      return {
        subject: `Order ${order.id} shipped`,
        text: [
          `Your order ${order.id} is on its way.`,
          '',
          `Tracking code: ${order.trackingCode ?? ''}`,
        ].join('\n'),
      };
  }
}

export const peerMessageIdDomain = 'bullmq-peer.local';

/** `<orderId.kind@bullmq-peer.local>`: order ids are `ord_` and hex digits, valid in a msg-id. */
export function peerMessageId(orderId: string, kind: EmailKind): string {
  return `<${orderId}.${kind}@${peerMessageIdDomain}>`;
}
