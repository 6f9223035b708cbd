// The suite's scenarios with their sizes bound in, each returning its figures as a flat record of
// numbers so that rounds can be summarised and reported the same way.
import type { BenchSizes } from './bench-options.ts';
import type { ThroughputFigures } from './harness/figures.ts';
import { MongoClient } from 'mongodb';
import type { PipelineFigures } from './bullmq-pipeline/pipeline-phases.ts';
import { bullmqPipeline } from './scenarios/bullmq-pipeline.ts';
import { bullmqThroughput } from './scenarios/bullmq-throughput.ts';
import { conveyorPacedLatency } from './scenarios/conveyor-paced-latency.ts';
import { conveyorThroughput } from './scenarios/conveyor-throughput.ts';
import { orderPipeline } from './scenarios/order-pipeline.ts';
import { priorityProbe } from './scenarios/priority-probe.ts';
import { rawPacedLatency } from './scenarios/raw-paced-latency.ts';
import { rawThroughput } from './scenarios/raw-throughput.ts';

export type Metrics = Record<string, number>;

export const scenarioIds = [
  'raw-throughput',
  'conveyor-throughput',
  'conveyor-inbox-throughput',
  'conveyor-inbox-sqlite-throughput',
  'bullmq-throughput',
  'raw-paced',
  'conveyor-paced',
  'priority-probe',
  'order-pipeline',
  'order-pipeline-history',
  'bullmq-pipeline',
] as const;
export type ScenarioId = (typeof scenarioIds)[number];

export interface PlannedScenario {
  id: ScenarioId;
  title: string;
  run(): Promise<Metrics>;
  /** After the last round: what the scenario keeps between rounds (a preloaded database). */
  cleanup?(): Promise<void>;
}

export interface BenchServers {
  amqpUrl: string;
  mongoUrl: string;
  redisUrl: string;
  /** A FerretDB on SQLite for the second inbox backend; that scenario is left out without it. */
  sqliteMongoUrl?: string;
  /** Where long set-ups (the history preload) say how far they are. */
  progress?: (line: string) => void;
}

/** Throughput figures with the CPU per message flattened to `cpu:<process>` metrics. */
function throughputMetrics({ cpuUsPerMessage, ...figures }: ThroughputFigures): Metrics {
  return {
    ...figures,
    ...Object.fromEntries(Object.entries(cpuUsPerMessage).map(([name, us]) => [`cpu:${name}`, us])),
  };
}

/**
 * A pipeline's figures as metrics: the burst's as they are (`ordersPerSecond`, `cpuMsPerOrder`, per process
 * `cpu:<name>`, `db:<service>:<command>:<collection>` and `dbc:<collection>:<command>` summed over the
 * services), the larger burst's with a `bigBurst` prefix, peak RSS as `rss:<name>`.
 */
export function pipelineMetrics({ burst, bigBurst, rssMb, ...figures }: PipelineFigures): Metrics {
  const workerPeaks = Object.entries(rssMb).filter(([name]) => name !== 'gateway');
  // Commands run only at start-up (index set-up, pings) are 0 per order: left out.
  const database = Object.entries(burst.countersPerOrder).filter(
    ([name, perOrder]) => name.startsWith('db:') && perOrder > 0,
  );
  const byCommand: Metrics = {};
  for (const [name, perOrder] of database) {
    const [, , command, collection] = name.split(':');
    const key = `dbc:${collection ?? '?'}:${command ?? '?'}`;
    byCommand[key] = (byCommand[key] ?? 0) + perOrder;
  }
  const total = (counters: Record<string, number>) => {
    const values = Object.entries(counters).filter(([name]) => name.startsWith('db:'));
    return values.length === 0 ? Number.NaN : values.reduce((sum, [, value]) => sum + value, 0);
  };
  return {
    ...figures,
    ordersPerSecond: burst.ordersPerSecond,
    cpuMsPerOrder: burst.cpuMsPerOrderTotal,
    bigBurstOrdersPerSecond: bigBurst.ordersPerSecond,
    bigBurstCpuMsPerOrder: bigBurst.cpuMsPerOrderTotal,
    // Only Conveyor's services count database commands (and only once they expose the counter).
    ...(database.length === 0
      ? {}
      : {
          dbCommandsPerOrder: total(burst.countersPerOrder),
          bigBurstDbCommandsPerOrder: total(bigBurst.countersPerOrder),
        }),
    maxWorkerRssMb: Math.max(...workerPeaks.map(([, mb]) => mb)),
    maxServiceRssMb: Math.max(...Object.values(rssMb)),
    ...Object.fromEntries(Object.entries(rssMb).map(([name, mb]) => [`rss:${name}`, mb])),
    ...Object.fromEntries(Object.entries(burst.cpuMsPerOrder).map(([name, ms]) => [`cpu:${name}`, ms])),
    ...Object.fromEntries(database),
    ...byCommand,
  };
}

/** The history scenario's database, preloaded in its first round and kept for the others. */
const historyDatabase = `conveyor_bench_history_${String(process.pid)}`;

async function dropDatabase(mongoUrl: string, name: string): Promise<void> {
  const client = new MongoClient(mongoUrl);
  try {
    await client.db(name).dropDatabase();
  } finally {
    await client.close();
  }
}

export function planScenarios(sizes: BenchSizes, servers: BenchServers): PlannedScenario[] {
  const timeoutMs = sizes.timeoutSeconds * 1000;
  const throughput = {
    amqpUrl: servers.amqpUrl,
    messages: sizes.messages,
    consumers: sizes.consumers,
    prefetch: sizes.prefetch,
    timeoutMs,
  };
  const paced = {
    amqpUrl: servers.amqpUrl,
    rate: sizes.pacedRate,
    seconds: sizes.pacedSeconds,
    consumers: sizes.consumers,
    prefetch: sizes.prefetch,
    timeoutMs,
  };
  const pipeline = {
    burstOrders: sizes.orderBurst,
    burstConcurrency: sizes.orderBurstConcurrency,
    bigBurstOrders: sizes.orderBigBurst,
    bigBurstConcurrency: sizes.orderBigBurstConcurrency,
    rate: sizes.orderRate,
    orders: Math.max(1, Math.round(sizes.orderRate * sizes.orderSeconds)),
    timeoutMs: sizes.orderTimeoutSeconds * 1000,
  };
  const plan: Record<ScenarioId, Omit<PlannedScenario, 'id'>> = {
    'raw-throughput': {
      title: 'raw amqplib',
      run: async () => throughputMetrics(await rawThroughput(throughput)),
    },
    'conveyor-throughput': {
      title: 'Conveyor consumer host (no inbox)',
      run: async () => throughputMetrics(await conveyorThroughput(throughput)),
    },
    'conveyor-inbox-throughput': {
      title: "Conveyor consumer host + MongoDB inbox (the rig's server)",
      run: async () =>
        throughputMetrics(await conveyorThroughput({ ...throughput, inboxMongoUrl: servers.mongoUrl })),
    },
    'conveyor-inbox-sqlite-throughput': {
      title: 'Conveyor consumer host + MongoDB inbox (FerretDB on SQLite)',
      run: async () => {
        if (servers.sqliteMongoUrl === undefined) throw new Error('no FerretDB on SQLite was started');
        return throughputMetrics(
          await conveyorThroughput({ ...throughput, inboxMongoUrl: servers.sqliteMongoUrl }),
        );
      },
    },
    'bullmq-throughput': {
      title: 'BullMQ (Redis)',
      run: async () => {
        const { messages: jobs, ...rest } = throughput;
        return throughputMetrics(
          await bullmqThroughput({
            ...rest,
            jobs,
            redisUrl: servers.redisUrl,
            workers: sizes.bullmqWorkers,
            concurrency: sizes.bullmqConcurrency,
          }),
        );
      },
    },
    'raw-paced': { title: 'raw amqplib, paced', run: async () => ({ ...(await rawPacedLatency(paced)) }) },
    'conveyor-paced': {
      title: 'Conveyor consumer host (no inbox), paced',
      run: async () => ({ ...(await conveyorPacedLatency(paced)) }),
    },
    'priority-probe': {
      title: 'priority probe (Conveyor consumer host)',
      run: async () => ({
        ...(await priorityProbe({
          amqpUrl: servers.amqpUrl,
          lowMessages: sizes.priorityLow,
          highMessages: sizes.priorityHigh,
          consumers: sizes.consumers,
          prefetch: sizes.priorityPrefetch,
          handlerMs: sizes.priorityHandlerMs,
          highIntervalMs: sizes.priorityIntervalMs,
          timeoutMs,
        })),
      }),
    },
    'order-pipeline': {
      title: 'order pipeline (real service processes)',
      run: async () =>
        pipelineMetrics(
          await orderPipeline({
            ...pipeline,
            fulfilmentWorkers: sizes.fulfilmentWorkers,
            traceSampleRatio: sizes.traceSampleRatio,
          }),
        ),
    },
    'order-pipeline-history': {
      title: `order pipeline over ${sizes.historyOrders} old orders and ${sizes.historyInboxRecords} old inbox records`,
      run: async () =>
        pipelineMetrics(
          await orderPipeline({
            ...pipeline,
            fulfilmentWorkers: sizes.fulfilmentWorkers,
            history: {
              database: historyDatabase,
              orders: sizes.historyOrders,
              inboxRecords: sizes.historyInboxRecords,
              progress: servers.progress,
            },
          }),
        ),
      cleanup: () => dropDatabase(servers.mongoUrl, historyDatabase),
    },
    'bullmq-pipeline': {
      title: 'order pipeline on BullMQ (the peer, real processes)',
      run: async () =>
        pipelineMetrics(
          await bullmqPipeline({
            ...pipeline,
            redisUrl: servers.redisUrl,
            fulfilmentWorkers: sizes.fulfilmentWorkers,
          }),
        ),
    },
  };
  return scenarioIds
    .filter((id) => id !== 'conveyor-inbox-sqlite-throughput' || servers.sqliteMongoUrl !== undefined)
    .map((id) => ({ id, ...plan[id] }));
}
