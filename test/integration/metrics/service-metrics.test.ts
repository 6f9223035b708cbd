import { afterEach, describe, expect, it } from 'vitest';
import { jobRequested } from '@conveyor/contracts';
import { MongoClient } from 'mongodb';
import { serverUrls, uniqueName, waitFor } from '../../support/index.ts';
import { freePort, startServiceProcess, waitUntilReady } from '../../e2e/service-process.ts';
import { deleteQueues, openBus } from '../bus/bus-fixture.ts';
import { sampleValue, scrape } from './prometheus-text.ts';

describe('/metrics of a real service process', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('job-worker exposes its queue, handler and process metrics on its health port', async () => {
    const urls = serverUrls();
    const queue = uniqueName('metrics.jobs');
    const dbName = uniqueName('conveyor_metrics');
    const healthPort = await freePort();
    const service = startServiceProcess(
      'job-worker',
      'job-worker',
      {
        AMQP_URL: urls.amqpUrl,
        MONGO_URL: urls.mongoUrl,
        MONGO_DB: dbName,
        JOBS_QUEUE: queue,
        HEALTH_PORT: String(healthPort),
        LOG_LEVEL: 'warn',
      },
      healthPort,
    );
    cleanups.push(async () => {
      await service.stop();
      await deleteQueues(queue);
      const client = await MongoClient.connect(urls.mongoUrl);
      try {
        await client.db(dbName).dropDatabase();
      } finally {
        await client.close();
      }
    });
    await waitUntilReady(service);
    const bus = await openBus(uniqueName('metrics-publisher'));
    cleanups.push(() => bus.close());

    // Straight to this worker's queue: other job queues bound to job.requested.v1 must not see it.
    await bus.publish({
      exchange: '',
      routingKey: queue,
      type: jobRequested.name,
      tenant: 'default',
      body: { jobId: uniqueName('job'), tenantId: 'default', jobType: 'conveyor.echo', payload: { n: 1 } },
    });
    const samples = await waitFor(
      async () => {
        const samples = await scrape(service.healthUrl);
        return sampleValue(samples, 'conveyor_messages_acked_total', { queue }) === 1 ? samples : undefined;
      },
      { what: 'the job acked', timeoutMs: 15_000, intervalMs: 100 },
    );

    const labels = { queue, service: 'job-worker' };
    // Received counts redeliveries: the connection-loss tests close every connection on this shared broker,
    // and a delivery whose ack was lost with its connection comes again (the inbox skips it).
    expect(sampleValue(samples, 'conveyor_messages_received_total', labels)).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, 'conveyor_messages_dead_lettered_total', labels)).toBe(0);
    expect(
      sampleValue(samples, 'conveyor_handler_duration_seconds_count', {
        ...labels,
        type: jobRequested.name,
        outcome: 'ok',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, 'conveyor_queue_depth', labels)).toBe(0);
    expect(sampleValue(samples, 'conveyor_queue_consumers', labels)).toBe(1);
    expect(sampleValue(samples, 'process_cpu_user_seconds_total', { service: 'job-worker' })).toBeGreaterThan(
      0,
    );
  });
});
