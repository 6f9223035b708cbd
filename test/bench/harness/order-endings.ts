// The orders that reached an end (order.completed.v1 or order.compensated.v1), heard on the events
// exchange by a queue of the bench's own: the bench learns of each ending from the event the workflow
// publishes anyway, where polling the orders by `_id: {$in}` would be a full read of the collection on
// FerretDB (and would grow with the history the history scenario preloads).
import amqp from 'amqplib';
import { z } from 'zod';

export interface OrderEndings {
  /** Of `ids`, those whose ending was heard. */
  ended(ids: readonly string[]): string[];
  close(): Promise<void>;
}

const endingEvents = ['order.completed.v1', 'order.compensated.v1'];
const endingBody = z.object({ orderId: z.string() });

export async function watchOrderEndings(amqpUrl: string, exchange: string): Promise<OrderEndings> {
  const connection = await amqp.connect(amqpUrl);
  const channel = await connection.createChannel();
  const heard = new Set<string>();
  const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
  for (const type of endingEvents) await channel.bindQueue(queue, exchange, type);
  await channel.consume(
    queue,
    (message) => {
      if (message === null) return;
      const body = endingBody.safeParse(JSON.parse(message.content.toString()));
      if (body.success) heard.add(body.data.orderId);
    },
    { noAck: true },
  );
  return {
    ended: (ids) => ids.filter((id) => heard.has(id)),
    async close() {
      await channel.close();
      await connection.close();
    },
  };
}
