// Benchmarks are not timed tests: this runs every scenario once at tiny sizes and checks only that
// it produced figures (and cleaned up after itself without failing). No speed is asserted.
import { describe, expect, it } from 'vitest';
import { serverUrls, uniqueName } from '../support/index.ts';
import { redisUrl } from './harness/redis-url.ts';
import { MongoClient } from 'mongodb';
import { pipelineMetrics } from './scenario-plan.ts';
import { bullmqPipeline } from './scenarios/bullmq-pipeline.ts';
import { bullmqThroughput } from './scenarios/bullmq-throughput.ts';
import { conveyorPacedLatency } from './scenarios/conveyor-paced-latency.ts';
import { conveyorThroughput } from './scenarios/conveyor-throughput.ts';
import { counterSamples, orderPipeline } from './scenarios/order-pipeline.ts';
import { priorityProbe } from './scenarios/priority-probe.ts';
import { rawPacedLatency } from './scenarios/raw-paced-latency.ts';
import { rawThroughput } from './scenarios/raw-throughput.ts';
import { acrossRounds, percentile } from './stats.ts';

const { amqpUrl, mongoUrl } = serverUrls();
const timeoutMs = 30_000;
const throughput = { amqpUrl, messages: 200, consumers: 4, prefetch: 100, timeoutMs };
const paced = { amqpUrl, rate: 2_000, seconds: 0.5, consumers: 4, prefetch: 100, timeoutMs };

function expectPositive(...figures: number[]): void {
  for (const figure of figures) {
    expect(Number.isFinite(figure)).toBe(true);
    expect(figure).toBeGreaterThan(0);
  }
}

describe('the benchmark scenarios at tiny sizes', () => {
  it('measure raw amqplib, the consumer host with and without the inbox, and BullMQ throughput', async () => {
    const raw = await rawThroughput(throughput);
    const host = await conveyorThroughput(throughput);
    const inbox = await conveyorThroughput({ ...throughput, inboxMongoUrl: mongoUrl });
    const bullmq = await bullmqThroughput({
      ...throughput,
      jobs: 200,
      redisUrl: redisUrl(),
      workers: 4,
      concurrency: 50,
    });
    for (const figures of [raw, host, inbox, bullmq]) {
      expect(figures.messages).toBe(200);
      expectPositive(figures.seconds, figures.perSecond, figures.cpuUsPerMessage.bench ?? Number.NaN);
    }
  });

  it('measure publish → handler latency at a fixed rate for raw amqplib and the consumer host', async () => {
    for (const figures of [await rawPacedLatency(paced), await conveyorPacedLatency(paced)]) {
      expect(figures.count).toBe(1_000);
      expectPositive(figures.p50Ms, figures.p99Ms, figures.maxMs, figures.achievedRate);
    }
  });

  it('measure the wait of high-priority messages published during a drain, behind a real backlog', async () => {
    const figures = await priorityProbe({
      amqpUrl,
      lowMessages: 2_000,
      highMessages: 10,
      consumers: 4,
      prefetch: 10,
      handlerMs: 1,
      highIntervalMs: 5,
      timeoutMs,
    });
    expect(figures.count).toBe(10);
    expectPositive(
      figures.p50Ms,
      figures.p99Ms,
      figures.drainPerSecond,
      figures.backlogAtFirstHigh,
      figures.fifoWaitEstimateMs,
    );
    expect(figures.backlogAtLastHigh).toBeGreaterThanOrEqual(0);
  });

  it('measures the order pipeline and its BullMQ peer through their gateways, with their loss checks', async () => {
    const phases = {
      burstOrders: 4,
      burstConcurrency: 2,
      bigBurstOrders: 6,
      bigBurstConcurrency: 3,
      rate: 10,
      orders: 3,
      fulfilmentWorkers: 2,
      timeoutMs,
    };
    const conveyor = await orderPipeline(phases);
    const peer = await bullmqPipeline({ ...phases, redisUrl: redisUrl() });
    expect(pipelineMetrics(conveyor).dbCommandsPerOrder).toBeGreaterThan(0);
    for (const figures of [conveyor, peer]) {
      expect(figures.accepted).toBe(13);
      expect(figures.completed).toBe(13);
      expectPositive(
        figures.burst.ordersPerSecond,
        figures.bigBurst.ordersPerSecond,
        figures.burst.cpuMsPerOrderTotal,
        figures.p50Ms,
        figures.p99Ms,
      );
    }
    const metrics = pipelineMetrics(conveyor);
    expectPositive(metrics.maxWorkerRssMb ?? Number.NaN, metrics['cpu:gateway'] ?? Number.NaN);
    expect(Object.keys(conveyor.rssMb)).toEqual(expect.arrayContaining(['gateway', 'fulfilment-worker-1']));
    expect(Object.keys(peer.rssMb)).toEqual(['gateway', 'worker-1', 'worker-2', 'notifier']);
    // Read, not necessarily positive: 13 orders may cost Redis less than one clock tick (10 ms) of CPU.
    const redisCpu = pipelineMetrics(peer)['cpu:redis'] ?? Number.NaN;
    expect(Number.isFinite(redisCpu)).toBe(true);
    expect(redisCpu).toBeGreaterThanOrEqual(0);
  }, 120_000);

  it('runs the order pipeline over a preloaded history, kept in its database for the next round', async () => {
    const database = uniqueName('conveyor_bench_history');
    const history = { database, orders: 20, inboxRecords: 280 };
    const phases = {
      burstOrders: 3,
      burstConcurrency: 3,
      bigBurstOrders: 3,
      bigBurstConcurrency: 3,
      rate: 10,
      orders: 2,
      fulfilmentWorkers: 1,
      timeoutMs,
    };
    const client = new MongoClient(mongoUrl);
    try {
      const figures = await orderPipeline({ ...phases, history });

      expect(figures.completed).toBe(8);
      // 20 old orders and the 8 of the run, kept after the stack stopped.
      expect(await client.db(database).collection('orders').countDocuments()).toBe(28);
    } finally {
      await client.db(database).dropDatabase();
      await client.close();
    }
  }, 120_000);
});

describe('bench statistics', () => {
  it('reads a counter’s samples from a Prometheus text exposition', () => {
    const text = [
      '# TYPE conveyor_mongodb_commands_total counter',
      'conveyor_mongodb_commands_total{service="gateway",command="insert",collection="orders"} 12',
      'conveyor_mongodb_commands_total_created{command="insert"} 1700000000',
      'conveyor_mongodb_commands_total{command="ping",collection=""} 3',
    ].join('\n');
    expect(counterSamples(text, 'conveyor_mongodb_commands_total')).toEqual([
      { labels: { service: 'gateway', command: 'insert', collection: 'orders' }, value: 12 },
      { labels: { command: 'ping', collection: '' }, value: 3 },
    ]);
  });

  it('takes nearest-rank percentiles of sorted values', () => {
    const sorted = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarises rounds by their median and range, ignoring a failed round', () => {
    expect(acrossRounds([3, Number.NaN, 1, 2])).toEqual({
      median: 2,
      min: 1,
      max: 3,
      values: [3, Number.NaN, 1, 2],
    });
  });
});
