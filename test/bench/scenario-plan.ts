// The suite's scenarios with their sizes bound in, each returning its figures as a flat record of
// numbers so that rounds can be summarised and reported the same way.
import type { BenchSizes } from './bench-options.ts';
import type { ThroughputFigures } from './harness/figures.ts';
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
] as const;
export type ScenarioId = (typeof scenarioIds)[number];

export interface PlannedScenario {
  id: ScenarioId;
  title: string;
  run(): Promise<Metrics>;
}

export interface BenchServers {
  amqpUrl: string;
  mongoUrl: string;
  redisUrl: string;
  /** A FerretDB on SQLite for the second inbox backend; that scenario is left out without it. */
  sqliteMongoUrl?: string;
}

/** Throughput figures with the CPU per message flattened to `cpu:<process>` metrics. */
function throughputMetrics({ cpuUsPerMessage, ...figures }: ThroughputFigures): Metrics {
  return {
    ...figures,
    ...Object.fromEntries(Object.entries(cpuUsPerMessage).map(([name, us]) => [`cpu:${name}`, us])),
  };
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
      run: async () => {
        const { rssMb, cpuMsPerOrder, ...figures } = await orderPipeline({
          burstOrders: sizes.orderBurst,
          burstConcurrency: sizes.orderBurstConcurrency,
          rate: sizes.orderRate,
          orders: Math.max(1, Math.round(sizes.orderRate * sizes.orderSeconds)),
          fulfilmentWorkers: sizes.fulfilmentWorkers,
          timeoutMs,
        });
        return {
          ...figures,
          ...Object.fromEntries(Object.entries(rssMb).map(([name, mb]) => [`rss:${name}`, mb])),
          ...Object.fromEntries(Object.entries(cpuMsPerOrder).map(([name, ms]) => [`cpu:${name}`, ms])),
        };
      },
    },
  };
  return scenarioIds
    .filter((id) => id !== 'conveyor-inbox-sqlite-throughput' || servers.sqliteMongoUrl !== undefined)
    .map((id) => ({ id, ...plan[id] }));
}
