import { afterEach, describe, expect, it } from 'vitest';
import { deadLetterQueueName, Exchange } from '@conveyor/bus';
import { PermanentError, RetryableError } from '@conveyor/contracts';
import { createMetrics, instrumentBus, readQueueDepths } from '@conveyor/metrics';
import { startHealthServer } from '@conveyor/runtime';
import { createInbox } from '@conveyor/store';
import { uniqueName, waitFor } from '../../support/index.ts';
import { deleteQueues, fastTiers, openBus, uniqueTaskType } from '../bus/bus-fixture.ts';
import { openTestStore } from '../bus/store-fixture.ts';
import { sampleValue, scrape, type Sample } from './prometheus-text.ts';

describe('metrics of a consumer host, scraped over HTTP', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup() {
    const { store, drop } = await openTestStore();
    const bus = await openBus(uniqueName('metrics'));
    const metrics = createMetrics({ defaultLabels: { service: 'metrics-test' }, processMetrics: false });
    const instrumented = instrumentBus(bus, metrics);
    const queue = uniqueName('metrics.tasks');
    const type = uniqueTaskType();
    const held = Promise.withResolvers<undefined>();
    // n=1 succeeds, n=2 fails once then succeeds (one retry), n=3 fails for good (one dead letter),
    // n=4 is held until the test lets it go.
    await instrumented
      .consumer({
        queue: { name: queue, bindings: [{ exchange: Exchange.events, pattern: type.name }] },
        inbox: createInbox(store),
        retry: { maxAttempts: 3, tiers: fastTiers },
      })
      .on(type, (message) => {
        if (message.body.n === 2 && message.envelope.attempt === 1) throw new RetryableError('FLAKY', 'once');
        if (message.body.n === 3) throw new PermanentError('BROKEN', 'always');
        if (message.body.n === 4) return held.promise;
        return undefined;
      })
      .start();
    const health = await startHealthServer(0, {}, { metrics, host: '127.0.0.1' });
    cleanups.push(async () => {
      held.resolve(undefined);
      await health.close();
      await bus.close();
      await deleteQueues(queue);
      await drop();
    });
    const publish = (n: number, messageId?: string) =>
      instrumented.publish({
        exchange: Exchange.events,
        routingKey: type.name,
        type: type.name,
        body: { n },
        ...(messageId === undefined ? {} : { messageId }),
      });
    const url = `http://127.0.0.1:${health.port}`;
    const scrapeUntil = (what: string, done: (samples: Sample[]) => boolean) =>
      waitFor(
        async () => {
          const samples = await scrape(url);
          return done(samples) ? samples : undefined;
        },
        { what, timeoutMs: 15_000, intervalMs: 100 },
      );
    return { bus, queue, type, publish, url, scrapeUntil, release: () => held.resolve(undefined) };
  }

  it('counts received, acked, retried, dead-lettered and inbox-skipped deliveries per queue', async () => {
    const { queue, publish, scrapeUntil } = await setup();
    const acked = (samples: Sample[]) =>
      sampleValue(samples, 'conveyor_messages_acked_total', { queue }) ?? 0;

    await publish(1, 'first');
    await publish(2);
    await publish(3);
    // n=1, both attempts of n=2, and n=3 (acked once its dead letter is confirmed).
    await scrapeUntil('four deliveries acked', (samples) => acked(samples) === 4);
    await publish(1, 'first');
    const samples = await scrapeUntil('the redelivery skipped', (samples) => acked(samples) === 5);

    const count = (name: string) => sampleValue(samples, name, { queue, service: 'metrics-test' });
    expect(count('conveyor_messages_received_total')).toBe(5);
    expect(count('conveyor_messages_acked_total')).toBe(5);
    expect(count('conveyor_messages_retried_total')).toBe(1);
    expect(count('conveyor_messages_dead_lettered_total')).toBe(1);
    expect(count('conveyor_messages_inbox_duplicates_skipped_total')).toBe(1);
    expect(count('conveyor_messages_deferred_total')).toBe(0);
  });

  it('times handlers by outcome, counts publishes and reads queue depths at scrape time', async () => {
    const { queue, type, publish, scrapeUntil } = await setup();
    await publish(1);
    await publish(2);
    await publish(3);
    const samples = await scrapeUntil(
      'three handled',
      (samples) => sampleValue(samples, 'conveyor_messages_acked_total', { queue }) === 4,
    );

    const runs = (outcome: string) =>
      sampleValue(samples, 'conveyor_handler_duration_seconds_count', { queue, type: type.name, outcome });
    expect(runs('ok')).toBe(2);
    expect(runs('error')).toBe(2);
    expect(
      sampleValue(samples, 'conveyor_messages_published_total', { type: type.name, outcome: 'confirmed' }),
    ).toBe(3);
    expect(sampleValue(samples, 'conveyor_queue_depth', { queue })).toBe(0);
    expect(sampleValue(samples, 'conveyor_queue_consumers', { queue })).toBe(1);
    // Nothing archives dead letters here: the one of n=3 waits in the .dlq.
    expect(sampleValue(samples, 'conveyor_queue_depth', { queue: deadLetterQueueName(queue) })).toBe(1);
    expect(sampleValue(samples, 'conveyor_queue_depth_read_failures_total')).toBe(0);
  });

  it('shows a delivery being handled as unacked until it is settled', async () => {
    const { queue, publish, scrapeUntil, release } = await setup();
    const unacked = (samples: Sample[]) => sampleValue(samples, 'conveyor_messages_unacked', { queue });
    await publish(4);
    await scrapeUntil('the held delivery unacked', (samples) => unacked(samples) === 1);
    release();
    const samples = await scrapeUntil(
      'the delivery acked',
      (samples) => sampleValue(samples, 'conveyor_messages_acked_total', { queue }) === 1,
    );
    expect(unacked(samples)).toBe(0);
  });

  it('serves the Prometheus content type, and /metrics is a 404 on a health server without metrics', async () => {
    const { url } = await setup();
    const response = await fetch(`${url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const bare = await startHealthServer(0, {}, { host: '127.0.0.1' });
    try {
      expect((await fetch(`http://127.0.0.1:${bare.port}/metrics`)).status).toBe(404);
    } finally {
      await bare.close();
    }
  });

  it('reports a missing queue as missing and still reads the queues after it', async () => {
    const { bus, queue } = await setup();
    const missing = uniqueName('metrics.missing');
    const depths = await readQueueDepths(await bus.connection.ready(), [missing, queue]);
    expect(depths).toEqual([
      { queue: missing, found: false },
      { queue, found: true, messages: 0, consumers: 1 },
    ]);
  });
});
