// The bridge from a stored outbox entry to a publish: the shape `bus.publish` accepts, so a caller
// passes `(message) => bus.publish(message)` (or uses it inside an outbox relay's `publish`).
import type { OutboxEntry } from '@conveyor/store';

export interface OutboxOutgoingMessage {
  exchange: string;
  routingKey: string;
  type: string;
  body: unknown;
  messageId: string;
  headers: Record<string, string | number | boolean>;
  priority?: number;
  correlationId?: string;
}

/** Publishes one message and resolves once the broker confirmed it (e.g. `bus.publish`). */
export type PublishOutgoing = (message: OutboxOutgoingMessage) => Promise<unknown>;

export function toOutgoingMessage(entry: OutboxEntry): OutboxOutgoingMessage {
  return {
    exchange: entry.exchange,
    routingKey: entry.routingKey,
    type: entry.type,
    body: entry.body,
    messageId: entry.messageId,
    headers: { ...entry.headers },
    ...(entry.priority === null ? {} : { priority: entry.priority }),
    ...(entry.correlationId === null ? {} : { correlationId: entry.correlationId }),
  };
}
