// Turns a message taken from `<queue>.dlq` into the record operators browse: the host's own
// reason headers when present, else what the broker wrote in `x-death` when it dead-lettered, else
// the reason the archiver knows from the queue it came from (`unroutable`).
import { DeadLetterReason, Header, headerString } from '@conveyor/bus';
import { encodeDeadLetterBody, type NewDeadLetter } from '@conveyor/store';
import type { ConsumeMessage } from 'amqplib';

export function deadLetterFromMessage(
  queue: string,
  message: ConsumeMessage,
  sourceReason?: typeof DeadLetterReason.unroutable,
): NewDeadLetter {
  const headers: Record<string, unknown> = { ...message.properties.headers };
  const brokerDeath = firstDeath(headers);
  const reason = headerString(headers[Header.deadLetterReason]) ?? sourceReason ?? DeadLetterReason.rejected;
  const error =
    headerString(headers[Header.deadLetterError]) ??
    (sourceReason === DeadLetterReason.unroutable
      ? `no queue is bound for ${message.fields.exchange || '(default)'}/${message.fields.routingKey}`
      : brokerDeath === undefined
        ? 'no reason recorded'
        : `dead-lettered by the broker: ${brokerDeath.reason}`);
  return {
    queue: headerString(headers[Header.deadLetterQueue]) ?? brokerDeath?.queue ?? queue,
    // A message that arrived without an id is given one when the host publishes it to the DLQ (every
    // publish has an id): the record says what arrived, as its reason does.
    messageId: reason === DeadLetterReason.missingMessageId ? null : nonEmpty(message.properties.messageId),
    type: nonEmpty(message.properties.type),
    reason,
    error,
    attempts: numberOr(headers[Header.deadLetterAttempts], brokerDeath?.count ?? 1),
    deadLetteredAt: deadLetteredAt(headers, brokerDeath, message),
    ...encodeDeadLetterBody(message.content),
    properties: {
      priority: typeof message.properties.priority === 'number' ? message.properties.priority : null,
      correlationId: nonEmpty(message.properties.correlationId),
      contentType: nonEmpty(message.properties.contentType),
      headers,
    },
    tenant: headerString(headers[Header.tenant]) ?? null,
    origin:
      sourceReason === DeadLetterReason.unroutable
        ? { exchange: message.fields.exchange, routingKey: message.fields.routingKey }
        : null,
  };
}

interface BrokerDeath {
  reason: string;
  queue: string | undefined;
  count: number | undefined;
  time: Date | undefined;
}

function firstDeath(headers: Record<string, unknown>): BrokerDeath | undefined {
  const deaths = headers['x-death'];
  if (!Array.isArray(deaths) || deaths.length === 0) return undefined;
  const death: unknown = deaths[0];
  if (typeof death !== 'object' || death === null) return undefined;
  const fields = death as Record<string, unknown>;
  const time = fields.time;
  return {
    reason: headerString(fields.reason) ?? 'unknown',
    queue: headerString(fields.queue),
    count: typeof fields.count === 'number' ? fields.count : undefined,
    time: typeof time === 'number' ? new Date(time * 1000) : time instanceof Date ? time : undefined,
  };
}

/** A stable time makes re-archiving after a crash idempotent, so the archiving time is the last resort. */
function deadLetteredAt(
  headers: Record<string, unknown>,
  brokerDeath: BrokerDeath | undefined,
  message: ConsumeMessage,
): Date {
  const stamped = headerString(headers[Header.deadLetterAt]);
  if (stamped !== undefined && !Number.isNaN(Date.parse(stamped))) return new Date(stamped);
  if (brokerDeath?.time !== undefined) return brokerDeath.time;
  if (typeof message.properties.timestamp === 'number') return new Date(message.properties.timestamp * 1000);
  return new Date();
}

function nonEmpty(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback;
}
