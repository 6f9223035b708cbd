// Turns one order message into an outbox entry: validated against its contract before it is stored
// (an entry that could never be published must not be written), routed by type on the events
// exchange (by default), at the order's priority, with the tenant header and the order id as correlation id.
import { Exchange, Header } from '@conveyor/bus';
import type { BodyOf, MessageType } from '@conveyor/contracts';
import { outboxEntries, type OutboxEntry } from '@conveyor/outbox';
import type { OrderDocument } from './order-document.ts';
import { orderPriority } from './order-priority.ts';
import type { TransitionOptions } from './transition-options.ts';

export interface OrderMessage<T extends MessageType> {
  type: T;
  body: BodyOf<T>;
  messageId: string;
  tenantId: string;
  orderId: string;
  express: boolean;
  /** The messageId of the message whose handling implied this one. */
  causationId?: string | undefined;
  /** Defaults to the shared events exchange; tests give their own. */
  exchange?: string | undefined;
  /** False for an announcement no queue needs to be bound for (see OutboxMessage.mandatory). */
  mandatory?: boolean | undefined;
}

export function orderOutboxEntry<T extends MessageType>(message: OrderMessage<T>, now: Date): OutboxEntry {
  const body: unknown = message.type.schema.parse(message.body);
  const headers: Record<string, string> = { [Header.tenant]: message.tenantId };
  if (message.causationId !== undefined) headers[Header.causationId] = message.causationId;
  const [entry] = outboxEntries(
    [
      {
        messageId: message.messageId,
        exchange: message.exchange ?? Exchange.events,
        routingKey: message.type.name,
        type: message.type.name,
        body,
        headers,
        priority: orderPriority(message.express),
        correlationId: message.orderId,
        mandatory: message.mandatory,
      },
    ],
    now,
  );
  if (entry === undefined) throw new TypeError('outboxEntries returned no entry for one message');
  return entry;
}

/** orderOutboxEntry for a write of `order`: its tenant, id and priority, with the write's cause and exchange. */
export function orderWriteEntry<T extends MessageType>(
  order: Pick<OrderDocument, '_id' | 'tenantId' | 'express'>,
  message: Pick<OrderMessage<T>, 'type' | 'body' | 'messageId' | 'mandatory'>,
  options: Pick<TransitionOptions, 'causationId' | 'exchange'>,
  now: Date,
): OutboxEntry {
  return orderOutboxEntry(
    {
      ...message,
      tenantId: order.tenantId,
      orderId: order._id,
      express: order.express,
      causationId: options.causationId,
      exchange: options.exchange,
    },
    now,
  );
}
