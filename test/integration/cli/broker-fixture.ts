// Private broker objects for the CLI tests: a topic exchange and queues of their own, removed after.
import amqp from 'amqplib';
import { serverUrls } from '../../support/index.ts';

export interface PrivateTopology {
  /** Declares a durable queue, bound to `exchange` with `pattern` when given. */
  queue(name: string, binding?: { exchange: string; pattern: string }): Promise<void>;
  exchange(name: string): Promise<void>;
  depth(queue: string): Promise<number>;
  /** Takes every message off the queue and returns their bodies as text. */
  drain(queue: string): Promise<string[]>;
  /** Takes one message off the queue: its body as text and its AMQP priority (false when empty). */
  takeOne(queue: string): Promise<{ body: string; priority: number | undefined } | false>;
  remove(): Promise<void>;
}

export async function privateTopology(): Promise<PrivateTopology> {
  const connection = await amqp.connect(serverUrls().amqpUrl);
  const channel = await connection.createChannel();
  const queues: string[] = [];
  const exchanges: string[] = [];
  return {
    async queue(name, binding) {
      await channel.assertQueue(name, { durable: true });
      queues.push(name);
      if (binding !== undefined) await channel.bindQueue(name, binding.exchange, binding.pattern);
    },
    async exchange(name) {
      await channel.assertExchange(name, 'topic', { durable: true });
      exchanges.push(name);
    },
    async depth(queue) {
      return (await channel.checkQueue(queue)).messageCount;
    },
    async drain(queue) {
      const bodies: string[] = [];
      for (;;) {
        const message = await channel.get(queue, { noAck: true });
        if (message === false) return bodies;
        bodies.push(message.content.toString());
      }
    },
    async takeOne(queue) {
      const message = await channel.get(queue, { noAck: true });
      if (message === false) return false;
      return {
        body: message.content.toString(),
        priority: message.properties.priority as number | undefined,
      };
    },
    async remove() {
      try {
        for (const queue of queues) await channel.deleteQueue(queue);
        for (const exchange of exchanges) await channel.deleteExchange(exchange);
      } finally {
        await connection.close();
      }
    },
  };
}
