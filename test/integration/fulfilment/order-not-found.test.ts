// A workflow message for an order the worker cannot read is retried (ORDER_NOT_FOUND is retryable, the
// order's write may lag behind its message on a replica set) and dead-lettered only after the attempts.
import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import { Header, deadLetterQueueName } from '@conveyor/bus';
import { DeadLetterReason, orderPlaced } from '@conveyor/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { serverUrls, waitFor } from '../../support/index.ts';
import { openFulfilmentRig, type FulfilmentRig } from './fulfilment-fixture.ts';

describe('a message for an order the worker cannot read', () => {
  let rig: FulfilmentRig | undefined;

  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('is retried up to the attempt limit, then dead-lettered as attempts-exhausted, not at once', async () => {
    rig = await openFulfilmentRig();
    await rig.startWorker({ maxAttempts: 3 });
    const orderId = randomUUID();
    await rig.bus.publish({
      exchange: rig.exchange,
      routingKey: orderPlaced.name,
      type: orderPlaced.name,
      body: {
        orderId,
        tenantId: 'acme',
        sequence: 1,
        customerId: 'customer-1',
        email: 'customer@example.com',
        items: [{ sku: 'WIDGET-1', qty: 1 }],
        express: false,
        placedAt: new Date().toISOString(),
      },
      messageId: `${orderId}:placed`,
      tenant: 'acme',
    });
    await waitFor(async () => ((await rig?.deadLetterCount(rig.queues.orders)) ?? 0) >= 1, {
      what: 'the message to reach the dead letters',
      timeoutMs: 20_000,
    });

    const connection = await amqp.connect(serverUrls().amqpUrl);
    try {
      const channel = await connection.createChannel();
      const letter = await channel.get(deadLetterQueueName(rig.queues.orders), { noAck: true });
      if (letter === false) throw new Error('no dead letter');
      const headers = letter.properties.headers ?? {};
      expect(String(headers[Header.deadLetterReason])).toBe(DeadLetterReason.attemptsExhausted);
      expect(Number(headers[Header.deadLetterAttempts])).toBe(3);
      expect(String(headers[Header.deadLetterError])).toMatch(/ORDER_NOT_FOUND/);
    } finally {
      await connection.close();
    }
  });
});
