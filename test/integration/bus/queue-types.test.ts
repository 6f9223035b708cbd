import { afterEach, describe, expect, it } from 'vitest';
import amqp from 'amqplib';
import { RetryableError } from '@conveyor/contracts';
import {
  DeadLetterReason,
  Exchange,
  Header,
  deadLetterQueueName,
  declareSharedTopology,
  declareWorkQueue,
  headerString,
} from '@conveyor/bus';
import { serverUrls, uniqueName, waitFor } from '../../support/index.ts';
import { deleteQueues, drainQueue, fastTiers, openBus, uniqueTaskType } from './bus-fixture.ts';

describe('queue types', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('declares a quorum queue with an explicit delivery limit and at-least-once dead-lettering', async () => {
    const queue = uniqueName('quorum.q');
    const connection = await amqp.connect(serverUrls().amqpUrl);
    cleanups.push(async () => {
      await connection.close();
      await deleteQueues(queue);
    });
    const channel = await connection.createChannel();
    await declareSharedTopology(channel, []);
    await declareWorkQueue(channel, { name: queue, type: 'quorum', deliveryLimit: 2 });
    // Re-declaring with different arguments fails, so this proves what the broker holds.
    const mismatch = await connection.createChannel();
    mismatch.on('error', () => undefined);
    await expect(
      mismatch.assertQueue(queue, {
        durable: true,
        arguments: { 'x-queue-type': 'quorum', 'x-delivery-limit': 5 },
      }),
    ).rejects.toThrow(/PRECONDITION_FAILED/);
    await expect(
      channel.assertQueue(queue, {
        durable: true,
        arguments: {
          'x-queue-type': 'quorum',
          'x-delivery-limit': 2,
          'x-dead-letter-exchange': Exchange.deadLetters,
          'x-dead-letter-routing-key': queue,
          'x-dead-letter-strategy': 'at-least-once',
          'x-overflow': 'reject-publish',
        },
      }),
    ).resolves.toMatchObject({ queue });
  });

  it('lets the broker dead-letter a quorum message past its delivery limit into <queue>.dlq', async () => {
    const queue = uniqueName('quorum.limit');
    const connection = await amqp.connect(serverUrls().amqpUrl);
    cleanups.push(async () => {
      await connection.close();
      await deleteQueues(queue);
    });
    const channel = await connection.createConfirmChannel();
    await declareSharedTopology(channel, []);
    await declareWorkQueue(channel, { name: queue, type: 'quorum', deliveryLimit: 2 });
    channel.sendToQueue(queue, Buffer.from('{}'), { messageId: 'looping', persistent: true });
    await channel.waitForConfirms();
    // A consumer that always requeues: the broker counts deliveries and gives up after the limit.
    let deliveries = 0;
    await channel.consume(queue, (message) => {
      if (message === null) return;
      deliveries += 1;
      channel.nack(message, false, true);
    });
    const dead: amqp.GetMessage[] = [];
    await waitFor(
      async () => {
        dead.push(...(await drainQueue(deadLetterQueueName(queue))));
        return dead.length === 1;
      },
      { timeoutMs: 10_000, what: 'the looping message in the DLQ' },
    );
    expect(dead[0]?.properties.messageId).toBe('looping');
    expect(deliveries).toBe(3);
  });

  it('runs the consumer host on a quorum queue: retries, then dead-letters with the reason', async () => {
    const bus = await openBus(uniqueName('quorum-host'));
    const queue = uniqueName('quorum.host');
    const type = uniqueTaskType();
    cleanups.push(async () => {
      await bus.close();
      await deleteQueues(queue);
    });
    const host = bus.consumer({
      queue: {
        name: queue,
        type: 'quorum',
        deliveryLimit: 5,
        bindings: [{ exchange: Exchange.events, pattern: type.name }],
      },
      retry: { maxAttempts: 2, tiers: fastTiers },
    });
    const attempts: number[] = [];
    host.on(type, (message) => {
      attempts.push(message.envelope.attempt);
      throw new RetryableError('FLAKY', 'always');
    });
    await host.start();
    await bus.publish({ exchange: Exchange.events, routingKey: type.name, type: type.name, body: { n: 1 } });
    const dead: amqp.GetMessage[] = [];
    await waitFor(
      async () => {
        dead.push(...(await drainQueue(deadLetterQueueName(queue))));
        return dead.length === 1;
      },
      { timeoutMs: 10_000, what: 'the message in the quorum DLQ' },
    );
    expect(attempts).toEqual([1, 2]);
    expect(headerString(dead[0]?.properties.headers?.[Header.deadLetterReason])).toBe(
      DeadLetterReason.attemptsExhausted,
    );
  });
});
