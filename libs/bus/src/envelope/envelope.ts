// The Conveyor envelope on AMQP: how an outgoing message becomes properties + headers, and how a
// delivery's properties are read back. Bodies are JSON; the schema check happens in the consumer host.
import { randomUUID } from 'node:crypto';
import type { ConsumeMessage, Options } from 'amqplib';
import { Header } from './headers.ts';

export interface OutgoingMessage {
  exchange: string;
  routingKey: string;
  /** Versioned message type name, e.g. `order.placed.v1`. */
  type: string;
  body: unknown;
  /** Stable across retries and redeliveries; fixed by the caller when the message is an effect of state. */
  messageId?: string;
  correlationId?: string;
  causationId?: string;
  tenant?: string;
  /** 0–9; higher is served first on priority queues. */
  priority?: number;
  replyTo?: string;
  /** 1 for a first publish; the retry path publishes attempt + 1. */
  attempt?: number;
  headers?: Record<string, unknown>;
  /** An unroutable message is an error unless this is false (replies to vanished callers). */
  mandatory?: boolean;
}

export interface Envelope {
  messageId: string | undefined;
  type: string | undefined;
  correlationId: string | undefined;
  causationId: string | undefined;
  tenant: string | undefined;
  priority: number;
  attempt: number;
  deferrals: number;
  replyTo: string | undefined;
  timestamp: Date | undefined;
  redelivered: boolean;
  headers: Record<string, unknown>;
}

export interface EncodedMessage {
  content: Buffer;
  options: Options.Publish;
  messageId: string;
}

export function encodeMessage(message: OutgoingMessage, appId: string): EncodedMessage {
  const messageId = message.messageId ?? randomUUID();
  const headers: Record<string, unknown> = { ...message.headers, [Header.attempt]: message.attempt ?? 1 };
  if (message.tenant !== undefined) headers[Header.tenant] = message.tenant;
  if (message.causationId !== undefined) headers[Header.causationId] = message.causationId;
  const content = Buffer.isBuffer(message.body) ? message.body : Buffer.from(JSON.stringify(message.body));
  return {
    content,
    messageId,
    options: {
      messageId,
      correlationId: message.correlationId,
      type: message.type,
      appId,
      timestamp: Math.floor(Date.now() / 1000),
      priority: message.priority,
      replyTo: message.replyTo,
      contentType: 'application/json',
      persistent: true,
      mandatory: message.mandatory ?? true,
      headers,
    },
  };
}

export function readEnvelope(delivery: ConsumeMessage): Envelope {
  const { properties, fields } = delivery;
  const headers: Record<string, unknown> = { ...properties.headers };
  return {
    messageId: nonEmptyString(properties.messageId),
    type: nonEmptyString(properties.type),
    correlationId: nonEmptyString(properties.correlationId),
    causationId: headerString(headers[Header.causationId]),
    tenant: headerString(headers[Header.tenant]),
    priority: typeof properties.priority === 'number' ? properties.priority : 0,
    attempt: headerCount(headers[Header.attempt], 1),
    deferrals: headerCount(headers[Header.deferrals], 0),
    replyTo: nonEmptyString(properties.replyTo),
    timestamp: typeof properties.timestamp === 'number' ? new Date(properties.timestamp * 1000) : undefined,
    redelivered: fields.redelivered,
    headers,
  };
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** AMQP long strings may arrive as Buffers depending on the publisher's client. */
export function headerString(value: unknown): string | undefined {
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return nonEmptyString(value);
}

function headerCount(value: unknown, fallback: number): number {
  const number = typeof value === 'number' ? value : Number(headerString(value));
  return Number.isInteger(number) && number >= 0 ? number : fallback;
}
