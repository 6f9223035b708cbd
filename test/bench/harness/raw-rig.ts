// Raw amqplib with the guarantees the consumer host gives: a durable classic queue (x-max-priority
// 10, as the host declares), persistent mandatory messages through the topic exchange, publisher
// confirms, manual acks after the handler, one connection per consumer.
import amqp, { type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import { Exchange } from '@conveyor/bus';
import { benchMessage } from './bench-body.ts';

export interface RawRigOptions {
  amqpUrl: string;
  queue: string;
  consumers: number;
  prefetch: number;
}

export interface RawRig {
  /** Resolves when the broker confirmed the message. */
  publish(body: unknown, options?: { priority?: number; messageId?: string }): Promise<void>;
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
          await channel.close();
        }
      } finally {
        await Promise.allSettled(connections.map((connection) => connection.close()));
      }
    })());

  try {
    publisher = await (await open(`bench-raw-publisher ${queue}`)).createConfirmChannel();
    await publisher.assertExchange(Exchange.events, 'topic', { durable: true });
    await publisher.assertQueue(queue, {
      durable: true,
      arguments: { 'x-queue-type': 'classic', 'x-max-priority': 10 },
    });
    await publisher.bindQueue(queue, Exchange.events, routingKey);
  } catch (error) {
    await close();
    throw error;
  }
  const confirmed = publisher;

  return {
    publish(body, { priority, messageId } = {}) {
      return new Promise<void>((resolve, reject) => {
        confirmed.publish(
          Exchange.events,
          routingKey,
          Buffer.from(JSON.stringify(body)),
          {
            persistent: true,
            mandatory: true,
            contentType: 'application/json',
            type: benchMessage.name,
            messageId,
            priority,
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
