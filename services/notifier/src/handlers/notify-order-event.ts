// Tells the customer (e-mail) and the tenant (signed webhook, if configured) about one order event.
// Each channel is sent at most once per event whatever the messageId (see the notification ledger);
// a failure on one channel does not hold back the other.
import type { InboundMessage } from '@conveyor/bus';
import { isRetryable } from '@conveyor/contracts';
import type { Logger } from 'pino';
import { composeEmail, isEmailed } from '../email/compose-email.ts';
import { emailMessageId } from '../email/email-message-id.ts';
import type { Mailer } from '../email/mailer.ts';
import { deliverOnce, type DeliveryOutcome, type UnrecordedSends } from '../send-once/deliver-once.ts';
import type { NotificationLedger } from '../send-once/notification-ledger.ts';
import { notificationId, type NotificationTarget } from '../send-once/notification-record.ts';
import type { OrderEvent } from '../notification-kind.ts';
import type { FindOrderRecipient } from '../orders/find-order-recipient.ts';
import type { FindTenantWebhook } from '../webhook/tenant-webhook.ts';
import type { WebhookClient } from '../webhook/webhook-client.ts';
import { buildWebhookPayload } from '../webhook/webhook-payload.ts';

export interface OrderEventNotifierDeps {
  findRecipient: FindOrderRecipient;
  findWebhook: FindTenantWebhook;
  ledger: NotificationLedger;
  mailer: Mailer;
  webhooks: WebhookClient;
  logger: Logger;
}

export type NotifyOrderEvent = (event: OrderEvent, message: InboundMessage<unknown>) => Promise<void>;

export function notifyOrderEvent(deps: OrderEventNotifierDeps): NotifyOrderEvent {
  const { ledger, logger } = deps;
  const unrecorded: UnrecordedSends = new Map();

  async function email(event: OrderEvent, message: InboundMessage<unknown>) {
    if (!isEmailed(event.kind)) return;
    const order = await deps.findRecipient(event.body);
    const content = composeEmail(event, order);
    if (content === undefined) return;
    const target: NotificationTarget = {
      channel: 'email',
      kind: event.kind,
      tenantId: order.tenantId,
      orderId: order._id,
    };
    const id = notificationId(target);
    const outcome = await deliverOnce({
      ledger,
      target,
      holder: message.envelope.messageId,
      send: () =>
        deps.mailer.send(
          {
            to: order.email,
            messageId: emailMessageId(order._id, event.kind),
            notificationId: id,
            ...content,
          },
          message.signal,
        ),
      logger,
      signal: message.signal,
      unrecorded,
    });
    report(id, outcome);
  }

  async function webhook(event: OrderEvent, message: InboundMessage<unknown>) {
    const { tenantId, orderId } = event.body;
    const endpoint = await deps.findWebhook(tenantId);
    if (endpoint === undefined) return;
    const target: NotificationTarget = { channel: 'webhook', kind: event.kind, tenantId, orderId };
    const id = notificationId(target);
    const payload = buildWebhookPayload(id, event);
    const outcome = await deliverOnce({
      ledger,
      target,
      holder: message.envelope.messageId,
      send: () => deps.webhooks.post(endpoint, payload, message.signal),
      logger,
      signal: message.signal,
      unrecorded,
    });
    report(id, outcome);
  }

  function report(id: string, outcome: DeliveryOutcome) {
    if (outcome === 'sent') logger.info({ notificationId: id }, 'notification sent');
    else logger.info({ notificationId: id }, 'notification was already sent; nothing sent again');
  }

  return async (event, message) => {
    const results = await Promise.allSettled([email(event, message), webhook(event, message)]);
    const failures = results.flatMap((result) =>
      result.status === 'rejected' ? [result.reason as unknown] : [],
    );
    if (failures.length === 0) return;
    // A retryable failure wins: the retry sends what is still unsent (a final failure repeats then).
    const thrown = failures.find(isRetryable) ?? failures[0];
    for (const failure of failures) {
      if (failure !== thrown)
        logger.warn({ err: failure, orderId: event.body.orderId }, 'notification failed');
    }
    throw thrown;
  };
}
