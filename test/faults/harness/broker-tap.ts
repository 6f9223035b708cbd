// A test-side listener on the shared events exchange of the private broker: it records what was
// published (type, message id, arrival time) and, asked to, publishes every n-th message a second
// time with the same properties, as a publisher that retries after a lost confirm would.
import amqp, { type ConsumeMessage } from 'amqplib';

export interface TappedMessage {
  readonly type: string;
  readonly messageId: string | undefined;
  readonly routingKey: string;
  /** Date.now() when the tap received it. */
  readonly at: number;
  readonly body: string;
}

export interface BrokerTap {
  /** Every original message received, oldest first (the tap's own copies are not listed). */
  readonly messages: readonly TappedMessage[];
  /** How many copies the tap published. */
  duplicated(): number;
  stop(): Promise<void>;
}

export interface TapOptions {
  readonly amqpUrl: string;
  /** Topic pattern on `conveyor.events`, e.g. `#` or `job.requested.v1`. */
  readonly pattern: string;
  /** Publish every n-th message again (10 for 10 %); none when unset. */
  readonly duplicateEvery?: number;
}

const eventsExchange = 'conveyor.events';
/** Marks the tap's copies, so that it does not copy its own copies. */
const copyHeader = 'x-fault-duplicate';

export async function startBrokerTap(options: TapOptions): Promise<BrokerTap> {
  const connection = await amqp.connect(options.amqpUrl);
  // A broker fault during the tap's life ends it; it must not crash the test process.
  connection.on('error', () => undefined);
  const channel = await connection.createConfirmChannel();
  channel.on('error', () => undefined);
  await channel.assertExchange(eventsExchange, 'topic', { durable: true });
  const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
  await channel.bindQueue(queue, eventsExchange, options.pattern);
  const messages: TappedMessage[] = [];
  let copies = 0;
  let seen = 0;

  const copy = (delivery: ConsumeMessage) =>
    new Promise<void>((resolve, reject) => {
      const { properties, fields } = delivery;
      channel.publish(
        eventsExchange,
        fields.routingKey,
        delivery.content,
        {
          messageId: properties.messageId as string | undefined,
          correlationId: properties.correlationId as string | undefined,
          type: properties.type as string | undefined,
          appId: properties.appId as string | undefined,
          timestamp: properties.timestamp as number | undefined,
          priority: properties.priority as number | undefined,
          contentType: properties.contentType as string | undefined,
          persistent: true,
          headers: { ...properties.headers, [copyHeader]: true },
        },
        (error: unknown) => {
          if (error === null || error === undefined) resolve();
          else reject(error instanceof Error ? error : new Error('the broker refused the copy'));
        },
      );
    });

  await channel.consume(queue, (delivery) => {
    if (delivery === null) return;
    const headers = (delivery.properties.headers ?? {}) as Record<string, unknown>;
    if (headers[copyHeader] !== undefined) {
      channel.ack(delivery);
      return;
    }
    seen += 1;
    messages.push({
      type: String(delivery.properties.type),
      messageId: delivery.properties.messageId as string | undefined,
      routingKey: delivery.fields.routingKey,
      at: Date.now(),
      body: delivery.content.toString('utf8'),
    });
    const every = options.duplicateEvery;
    if (every === undefined || seen % every !== 0) {
      channel.ack(delivery);
      return;
    }
    copy(delivery).then(
      () => {
        copies += 1;
        channel.ack(delivery);
      },
      () => channel.nack(delivery, false, true),
    );
  });

  return {
    messages,
    duplicated: () => copies,
    async stop() {
      await channel.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
    },
  };
}
