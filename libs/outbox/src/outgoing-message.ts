// The one bridge from a stored outbox entry to a publish: the shape `bus.publish` accepts, so a writer
// passes `(message) => bus.publish(message)` and the relay uses the same conversion.
import type { OutboxEntry } from './outbox-entry.ts';

export interface OutboxOutgoingMessage {
  exchange: string;
  routingKey: string;
  type: string;
  body: unknown;
  messageId: string;
  headers: Record<string, string | number | boolean>;
  priority?: number;
  correlationId?: string;
  causationId?: string;
  /** See OutboxMessage.mandatory. */
  mandatory?: boolean;
}

/** Publishes one message and resolves once the broker confirmed it (e.g. `bus.publish`). */
export type PublishOutgoing = (message: OutboxOutgoingMessage) => Promise<unknown>;

/** A copy of an entry under another message id (the stuck-order sweep re-publishes a step this way). */
export interface RepublishAs {
  messageId: string;
  causationId: string;
}

export function toOutgoingMessage(entry: OutboxEntry, as?: RepublishAs): OutboxOutgoingMessage {
  return {
    exchange: entry.exchange,
    routingKey: entry.routingKey,
    type: entry.type,
    body: entry.body,
    messageId: as?.messageId ?? entry.messageId,
    headers: { ...entry.headers },
    ...(entry.priority === null ? {} : { priority: entry.priority }),
    ...(entry.correlationId === null ? {} : { correlationId: entry.correlationId }),
    ...(as === undefined ? {} : { causationId: as.causationId }),
    ...(entry.mandatory === false ? { mandatory: false } : {}),
  };
}

/**
 * The size of the body the bus publishes for this message: its JSON, as UTF-8 (the bus's envelope
 * encodes a body exactly so). What a publisher's and a consumer's `maxBodyBytes` limit; a writer checks
 * it before storing an entry, since a stored entry too large to publish could never go out.
 */
export function encodedBodyBytes(message: Pick<OutboxOutgoingMessage, 'body'>): number {
  return Buffer.byteLength(JSON.stringify(message.body));
}
