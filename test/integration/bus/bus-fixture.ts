// Builds buses, message types and queues with names of their own for each test, and removes them.
import { trace } from '@opentelemetry/api';
import amqp from 'amqplib';
import {
  Bus,
  deadLetterQueueName,
  parkedLetterQueueName,
  type BusOptions,
  type RetryTier,
} from '@conveyor/bus';
import { defineMessage } from '@conveyor/contracts';
import { pino, type Logger } from 'pino';
import { z } from 'zod';
import { serverUrls, uniqueName } from '../../support/index.ts';

export const silentLogger: Logger = pino({ level: 'silent' });

/** A short delay tier keeps retry tests quick; its name is shared, its routing is per queue. */
export const fastTiers: readonly RetryTier[] = [
  { name: 'test-200ms', delayMs: 200 },
  { name: 'test-400ms', delayMs: 400 },
];

export async function openBus(serviceName: string, options: Partial<BusOptions> = {}): Promise<Bus> {
  return Bus.connect({
    url: serverUrls().amqpUrl,
    serviceName,
    logger: silentLogger,
    tracer: trace.getTracer('conveyor-test'),
    ...options,
  });
}

export const taskSchema = z.strictObject({
  n: z.number().int(),
  note: z.string().optional(),
  action: z.enum(['apply', 'crash', 'hang']).optional(),
});

/** A message type whose routing key no other test binds. */
export function uniqueTaskType() {
  return defineMessage(`${uniqueName('t').replaceAll('_', '-').toLowerCase()}.task.v1`, taskSchema);
}

/** Reads what a queue holds right now without consuming it for good (for DLQ assertions). */
export async function drainQueue(queue: string): Promise<amqp.GetMessage[]> {
  const connection = await amqp.connect(serverUrls().amqpUrl);
  try {
    const channel = await connection.createChannel();
    const messages: amqp.GetMessage[] = [];
    for (;;) {
      const message = await channel.get(queue, { noAck: true });
      if (message === false) break;
      messages.push(message);
    }
    return messages;
  } finally {
    await connection.close();
  }
}

export async function queueDepth(queue: string): Promise<number> {
  const connection = await amqp.connect(serverUrls().amqpUrl);
  try {
    const channel = await connection.createChannel();
    return (await channel.checkQueue(queue)).messageCount;
  } finally {
    await connection.close();
  }
}

export async function deleteQueues(...queues: string[]): Promise<void> {
  const connection = await amqp.connect(serverUrls().amqpUrl);
  try {
    const channel = await connection.createChannel();
    for (const queue of queues) {
      await channel.deleteQueue(queue);
      await channel.deleteQueue(deadLetterQueueName(queue));
      await channel.deleteQueue(parkedLetterQueueName(queue));
    }
  } finally {
    await connection.close();
  }
}
