// The publisher against a broker that blocks publishers (a memory alarm), on a RabbitMQ node of this
// file's own: raising an alarm on the shared broker would block every other suite.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import amqp from 'amqplib';
import { trace } from '@opentelemetry/api';
import {
  Bus,
  Exchange,
  PublishTimeoutError,
  declareSharedTopology,
  declareWorkQueue,
  type BusOptions,
} from '@conveyor/bus';
import { uniqueName, waitFor } from '../../support/index.ts';
import { startPrivateRabbitmq, type PrivateRabbitmq } from '../../faults/harness/private-rabbitmq.ts';
import { silentLogger, uniqueTaskType } from './bus-fixture.ts';

describe('publisher on a blocked broker', () => {
  let node: PrivateRabbitmq;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    node = await startPrivateRabbitmq();
  }, 120_000);
  afterAll(async () => {
    await node.stop();
  }, 60_000);
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function memoryAlarm(on: boolean): Promise<void> {
    await (on ? node.raiseMemoryAlarm() : node.restoreMemoryWatermark());
  }

  async function setup(options: Partial<BusOptions> = {}) {
    const bus = await Bus.connect({
      url: node.url,
      serviceName: uniqueName('blocked'),
      logger: silentLogger,
      tracer: trace.getTracer('conveyor-test'),
      ...options,
    });
    const queue = uniqueName('blocked.q');
    const routingKey = uniqueTaskType().name;
    const channel = await (await bus.connection.ready()).createChannel();
    await declareSharedTopology(channel, []);
    await declareWorkQueue(channel, {
      name: queue,
      bindings: [{ exchange: Exchange.events, pattern: routingKey }],
    });
    await channel.close();
    cleanups.push(async () => {
      await memoryAlarm(false);
      await bus.close();
    });
    const publish = (n: number, messageId?: string) =>
      bus.publish({ exchange: Exchange.events, routingKey, type: routingKey, body: { n }, messageId });
    return { bus, queue, publish };
  }

  /** Publishes until the broker says it blocks this connection; the first publish is what trips it. */
  async function blocked<T>(bus: Bus, trip: () => Promise<T>): Promise<{ first: Promise<T> }> {
    await memoryAlarm(true);
    const first = trip();
    first.catch(() => undefined);
    await waitFor(() => bus.connection.isBlocked(), {
      timeoutMs: 15_000,
      what: 'the broker to block publishing',
    });
    return { first };
  }

  async function messageIdsIn(queue: string): Promise<string[]> {
    const connection = await amqp.connect(node.url);
    try {
      const channel = await connection.createChannel();
      const ids: string[] = [];
      for (;;) {
        const message = await channel.get(queue, { noAck: true });
        if (message === false) return ids;
        ids.push(String(message.properties.messageId));
      }
    } finally {
      await connection.close();
    }
  }

  it('goes on publishing when the connection drops while the broker blocks it', async () => {
    const { bus, publish } = await setup();
    const { first } = await blocked(bus, () => publish(0));
    const waiting = publish(1);
    const reconnected = new Promise<void>((resolve) => {
      let drops = 0;
      const unsubscribe = bus.connection.onConnected(() => {
        drops += 1;
        if (drops > 1) {
          unsubscribe();
          resolve();
        }
      });
    });
    expect(await node.closeAllConnections('blocked-broker test')).toBeGreaterThanOrEqual(1);
    await reconnected;
    await memoryAlarm(false);
    // Before the fix the wait for `unblocked` outlived the connection: nothing was sent again.
    await expect(waiting).resolves.toMatchObject({ messageId: expect.any(String) as unknown });
    await expect(first).resolves.toMatchObject({ messageId: expect.any(String) as unknown });
  });

  it('never sends again a publish that already failed with a timeout', async () => {
    const { bus, queue, publish } = await setup({ confirmTimeoutMs: 1_000 });
    // The publish that trips the alarm is on the wire, unconfirmed, when its deadline passes.
    const timedOutId = uniqueName('timed-out');
    const { first } = await blocked(bus, () => publish(0, timedOutId));
    await expect(first).rejects.toBeInstanceOf(PublishTimeoutError);
    await node.closeAllConnections('blocked-broker test');
    await memoryAlarm(false);
    await waitFor(() => bus.connection.isReady(), { timeoutMs: 15_000, what: 'the reconnect' });
    const marker = await publish(2);
    // Whatever the broker held when the connection closed is gone; only a resend could add more.
    const held = await messageIdsIn(queue);
    expect(held).toContain(marker.messageId);
    expect(held).not.toContain(timedOutId);
  });

  it('fails fast with BUS_PUBLISH_BACKLOG_FULL once the waiting list is full', async () => {
    const { bus, publish } = await setup({ maxWaitingPublishes: 3 });
    const { first } = await blocked(bus, () => publish(0));
    const waiting = [publish(1), publish(2), publish(3)];
    const refused = publish(4);
    await expect(refused).rejects.toMatchObject({ code: 'BUS_PUBLISH_BACKLOG_FULL', retryable: true });
    await memoryAlarm(false);
    await expect(Promise.all([first, ...waiting])).resolves.toHaveLength(4);
  });
});
