import { afterEach, describe, expect, it } from 'vitest';
import amqp from 'amqplib';
import { PermanentError, RetryableError } from '@conveyor/contracts';
import { DeadLetterReason, Exchange, Header, deadLetterQueueName, headerString } from '@conveyor/bus';
import { serverUrls, uniqueName, waitFor } from '../../support/index.ts';
import { deleteQueues, drainQueue, fastTiers, openBus, uniqueTaskType } from './bus-fixture.ts';

describe('consumer host', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(maxAttempts = 3) {
    const bus = await openBus(uniqueName('consumer'), { maxBodyBytes: 1_000 });
    const queue = uniqueName('consumer.q');
    const type = uniqueTaskType();
    const host = bus.consumer({
      queue: { name: queue, bindings: [{ exchange: Exchange.events, pattern: type.name }] },
      prefetch: 5,
      retry: { maxAttempts, tiers: fastTiers },
      maxBodyBytes: 1_000,
    });
    cleanups.push(async () => {
      await bus.close();
      await deleteQueues(queue);
    });
    return { bus, queue, type, host };
  }

  async function deadLetters(queue: string, count: number) {
    const collected: amqp.GetMessage[] = [];
    await waitFor(
      async () => {
        collected.push(...(await drainQueue(deadLetterQueueName(queue))));
        return collected.length >= count;
      },
      { timeoutMs: 15_000, what: `${count} message(s) in ${deadLetterQueueName(queue)}` },
    );
    return collected;
  }

  function reasonOf(message: amqp.GetMessage): string | undefined {
    return headerString(message.properties.headers?.[Header.deadLetterReason]);
  }

  /** Publishes raw bytes the way a foreign or broken publisher would. */
  async function publishRaw(routingKey: string, content: Buffer, properties: amqp.Options.Publish) {
    const connection = await amqp.connect(serverUrls().amqpUrl);
    const channel = await connection.createConfirmChannel();
    channel.publish(Exchange.events, routingKey, content, { persistent: true, ...properties });
    await channel.waitForConfirms();
    await connection.close();
  }

  it('hands a valid message to its handler and acks it', async () => {
    const { bus, type, host } = await setup();
    const seen: number[] = [];
    host.on(type, (message) => {
      seen.push(message.body.n);
    });
    await host.start();
    await bus.publish({ exchange: Exchange.events, routingKey: type.name, type: type.name, body: { n: 7 } });
    await waitFor(() => host.stats.acked === 1, { timeoutMs: 5_000, what: 'one ack' });
    expect(seen).toEqual([7]);
  });

  it.each([
    ['invalid-body', Buffer.from(JSON.stringify({ n: 'seven' })), {}],
    ['invalid-body', Buffer.from('{not json'), {}],
    ['unknown-type', Buffer.from(JSON.stringify({ n: 1 })), { type: 'somebody.else.v1' }],
    ['missing-message-id', Buffer.from(JSON.stringify({ n: 1 })), { messageId: undefined }],
    ['too-large', Buffer.from(JSON.stringify({ n: 1, note: 'z'.repeat(2_000) })), {}],
  ] as const)(
    'dead-letters a %s message at once, without retrying it',
    async (reason, content, overrides) => {
      const { queue, type, host } = await setup();
      let calls = 0;
      host.on(type, () => {
        calls += 1;
      });
      await host.start();
      await publishRaw(type.name, content, { messageId: 'poison-1', type: type.name, ...overrides });
      const [dead] = await deadLetters(queue, 1);
      expect(dead && reasonOf(dead)).toBe(reason);
      expect(headerString(dead?.properties.headers?.[Header.deadLetterQueue])).toBe(queue);
      expect(calls).toBe(0);
      expect(host.stats.retried).toBe(0);
    },
  );

  it('dead-letters a permanent failure at once with its error', async () => {
    const { bus, queue, type, host } = await setup();
    let calls = 0;
    host.on(type, () => {
      calls += 1;
      throw new PermanentError('OUT_OF_STOCK', 'sku-1 is gone');
    });
    await host.start();
    await bus.publish({ exchange: Exchange.events, routingKey: type.name, type: type.name, body: { n: 1 } });
    const [dead] = await deadLetters(queue, 1);
    expect(dead && reasonOf(dead)).toBe(DeadLetterReason.permanentFailure);
    expect(headerString(dead?.properties.headers?.[Header.deadLetterError])).toContain('OUT_OF_STOCK');
    expect(calls).toBe(1);
  });

  it('retries a retryable failure with the same messageId and attempt + 1, then dead-letters it after the attempt limit', async () => {
    const { bus, queue, type, host } = await setup(3);
    const attempts: { messageId: string; attempt: number }[] = [];
    host.on(type, (message) => {
      attempts.push({ messageId: message.envelope.messageId, attempt: message.envelope.attempt });
      throw new RetryableError('PROVIDER_DOWN', 'try later');
    });
    await host.start();
    const { messageId } = await bus.publish({
      exchange: Exchange.events,
      routingKey: type.name,
      type: type.name,
      body: { n: 1 },
    });
    const [dead] = await deadLetters(queue, 1);
    expect(attempts).toEqual([1, 2, 3].map((attempt) => ({ messageId, attempt })));
    expect(dead && reasonOf(dead)).toBe(DeadLetterReason.attemptsExhausted);
    expect(dead?.properties.headers?.[Header.deadLetterAttempts]).toBe(3);
    expect(dead?.properties.messageId).toBe(messageId);
  });

  it('keeps the queue flowing past a poison message', async () => {
    const { bus, queue, type, host } = await setup();
    const handled: number[] = [];
    host.on(type, (message) => {
      if (message.body.n === 0) throw new PermanentError('POISON', 'always fails');
      handled.push(message.body.n);
    });
    await host.start();
    for (let n = 0; n < 20; n += 1) {
      await bus.publish({ exchange: Exchange.events, routingKey: type.name, type: type.name, body: { n } });
    }
    await waitFor(() => handled.length === 19, { timeoutMs: 10_000, what: '19 healthy messages handled' });
    expect((await deadLetters(queue, 1)).length).toBe(1);
  });

  it('declares its queue again after the broker cancels the consumer, not ready meanwhile, then handles new messages', async () => {
    const { bus, queue, type, host } = await setup();
    const seen: number[] = [];
    host.on(type, (message) => {
      seen.push(message.body.n);
    });
    await host.start();
    expect(bus.isReady()).toBe(true);
    // Every change is recorded: the not-ready spell is too short to be caught by polling.
    const changes: (string | undefined)[] = [];
    const busReasons: string[][] = [];
    host.onReadinessChange((reason) => {
      changes.push(reason);
      busReasons.push(bus.notReadyReasons());
    });
    const connection = await amqp.connect(serverUrls().amqpUrl);
    const channel = await connection.createChannel();
    await channel.deleteQueue(queue);
    await connection.close();

    await waitFor(() => changes.length >= 2 && host.isReady(), {
      timeoutMs: 15_000,
      what: 'the consumer to be not ready, then consuming again',
    });
    expect(changes[0]).toMatch(/cancelled the consumer/);
    expect(busReasons[0]).toEqual([expect.stringContaining(`${queue}: the broker cancelled the consumer`)]);
    expect(changes.at(-1)).toBeUndefined();
    expect(bus.isReady()).toBe(true);
    await bus.publish({ exchange: Exchange.events, routingKey: type.name, type: type.name, body: { n: 5 } });
    await waitFor(() => seen.includes(5), { timeoutMs: 5_000, what: 'the new message handled' });
  });

  it('stops gracefully: in-flight handlers finish and are acked, and stop() is idempotent', async () => {
    const { bus, queue, type, host } = await setup();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const started: number[] = [];
    const finished: number[] = [];
    host.on(type, async (message) => {
      started.push(message.body.n);
      await gate;
      finished.push(message.body.n);
    });
    await host.start();
    for (let n = 0; n < 3; n += 1) {
      await bus.publish({ exchange: Exchange.events, routingKey: type.name, type: type.name, body: { n } });
    }
    await waitFor(() => started.length === 3, { timeoutMs: 5_000, what: 'three handlers running' });
    const stopping = host.stop();
    expect(host.stop()).toBe(stopping);
    release();
    await stopping;
    expect(finished.sort()).toEqual([0, 1, 2]);
    expect(host.stats.acked).toBe(3);
    await bus.publish({ exchange: Exchange.events, routingKey: type.name, type: type.name, body: { n: 99 } });
    expect((await drainQueue(queue)).length).toBe(1);
  });
});
