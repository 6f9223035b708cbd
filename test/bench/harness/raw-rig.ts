// Raw amqplib with the guarantees and the shape the consumer host gives: the same queue declaration
// (durable classic, x-max-priority 10, dead-letter exchange), persistent mandatory messages through
// the topic exchange with the same properties and headers as a Bus publish (a UUID messageId, type,
// appId, timestamp, content type, the attempt header), publisher confirms, manual acks after the
// handler, one connection per consumer.
import { randomUUID } from 'node:crypto';
import amqp, { type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import {
  Exchange,
  Header,
  deadLetterQueueName,
  declareSharedTopology,
  declareWorkQueue,
} from '@conveyor/bus';
import { benchMessage } from './bench-body.ts';

export interface RawRigOptions {
  amqpUrl: string;
  queue: string;
  consumers: number;
  prefetch: number;
}

export interface RawRig {
  /** Resolves when the broker confirmed the message. */
  publish(body: unknown, options?: { priority?: number }): Promise<void>;
  /** Starts the consumers; each acks a delivery after `handle` returns. */
  consume(handle: (body: unknown, message: ConsumeMessage) => void): Promise<void>;
  /** Deletes the queue and closes every connection. Idempotent. */
  close(): Promise<void>;
}

export async function openRawRig(options: RawRigOptions): Promise<RawRig> {
  const { amqpUrl, queue, consumers, prefetch } = options;
  const routingKey = `${queue}.noop.v1`;
  const connections: ChannelModel[] = [];
  const open = async (name: string) => {
    const connection = await amqp.connect(amqpUrl, { clientProperties: { connection_name: name } });
    connections.push(connection);
    return connection;
  };
  let closing: Promise<void> | undefined;
  let publisher: ConfirmChannel | undefined;
  const close = () =>
    (closing ??= (async () => {
      try {
        // A fresh channel: the publishing one may have been closed by a channel error.
        const first = connections[0];
        if (first !== undefined) {
          const channel = await first.createChannel();
          await channel.deleteQueue(queue);
          await channel.deleteQueue(deadLetterQueueName(queue));
          await channel.close();
        }
      } finally {
        await Promise.allSettled(connections.map((connection) => connection.close()));
      }
    })());

  try {
    publisher = await (await open(`bench-raw-publisher ${queue}`)).createConfirmChannel();
    await declareSharedTopology(publisher);
    await declareWorkQueue(publisher, {
      name: queue,
      bindings: [{ exchange: Exchange.events, pattern: routingKey }],
    });
  } catch (error) {
    await close();
    throw error;
  }
  const confirmed = publisher;

  return {
    publish(body, { priority } = {}) {
      return new Promise<void>((resolve, reject) => {
        const messageId = randomUUID();
        confirmed.publish(
          Exchange.events,
          routingKey,
          Buffer.from(JSON.stringify(body)),
          {
            messageId,
            type: benchMessage.name,
            appId: 'bench-raw-publisher',
            timestamp: Math.floor(Date.now() / 1000),
            priority,
            contentType: 'application/json',
            persistent: true,
            mandatory: true,
            headers: { [Header.attempt]: 1 },
          },
          (error: unknown) => {
            if (error === null || error === undefined) resolve();
            else reject(error instanceof Error ? error : new Error('the broker did not confirm a publish'));
          },
        );
      });
    },
    async consume(handle) {
      for (let index = 0; index < consumers; index += 1) {
        const channel: Channel = await (await open(`bench-raw-consumer-${index} ${queue}`)).createChannel();
        await channel.prefetch(prefetch);
        await channel.consume(
          queue,
          (message) => {
            if (message === null) return;
            handle(JSON.parse(message.content.toString()) as unknown, message);
            channel.ack(message);
          },
          { noAck: false },
        );
      }
    },
    close,
  };
}
