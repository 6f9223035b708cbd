// The suite's scenarios with their sizes bound in, each returning its figures as a flat record of
// numbers so that rounds can be summarised and reported the same way.
import type { BenchSizes } from './bench-options.ts';
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
      run: async () => ({ ...(await rawThroughput(throughput)) }),
    },
    'conveyor-throughput': {
      title: 'Conveyor consumer host (no inbox)',
      run: async () => ({ ...(await conveyorThroughput(throughput)) }),
    },
    'conveyor-inbox-throughput': {
      title: 'Conveyor consumer host + MongoDB inbox',
      run: async () => ({
        ...(await conveyorThroughput({ ...throughput, inboxMongoUrl: servers.mongoUrl })),
      }),
    },
    'bullmq-throughput': {
      title: 'BullMQ (Redis)',
      run: async () => {
        const { messages: jobs, ...rest } = throughput;
        return {
          ...(await bullmqThroughput({
            ...rest,
            jobs,
            redisUrl: servers.redisUrl,
            workers: sizes.bullmqWorkers,
            concurrency: sizes.bullmqConcurrency,
          })),
        };
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
        const { rssMb, ...figures } = await orderPipeline({
          rate: sizes.orderRate,
          orders: Math.max(1, Math.round(sizes.orderRate * sizes.orderSeconds)),
          fulfilmentWorkers: sizes.fulfilmentWorkers,
          timeoutMs,
        });
        return {
          ...figures,
          ...Object.fromEntries(Object.entries(rssMb).map(([name, mb]) => [`rss:${name}`, mb])),
        };
      },
    },
  };
  return scenarioIds.map((id) => ({ id, ...plan[id] }));
}
