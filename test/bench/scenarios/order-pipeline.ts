// The whole order system as real processes (the end-to-end stack: gateway, fulfilment workers,
// notifier, job worker, scheduler), through the phases both pipeline scenarios share
// (bullmq-pipeline/pipeline-phases.ts): a burst, a larger burst, then orders at a fixed rate, with
// loss checks at the end. CPU per order over the bursts alone: the service processes + RabbitMQ +
// FerretDB + PostgreSQL. MongoDB commands per order: each service's conveyor_mongodb_commands_total,
// scraped from its /metrics before and after each burst. The stack's queues and KV bucket are removed after.
import type { Collection } from 'mongodb';
import { Exchange } from '@conveyor/bus';
import { emailMessageId } from '@conveyor/notifier';
import { startStack, type Stack } from '../../e2e/stack.ts';
import type { ServiceProcess } from '../../e2e/service-process.ts';
import { errorMessage } from '@conveyor/contracts';
import { vacuumPostgresDatabase } from '../../support/ferretdb-backend.ts';
import { serverUrls } from '../../support/index.ts';
import { postOrder } from '../bullmq-pipeline/pipeline-load.ts';
import {
  runPipelinePhases,
  type PipelineFigures,
  type PipelinePhaseOptions,
} from '../bullmq-pipeline/pipeline-phases.ts';
import { withinDeadline } from '../harness/deadline.ts';
import { preloadHistory } from '../harness/history-preload.ts';
import { watchOrderEndings, type OrderEndings } from '../harness/order-endings.ts';
import { readStackLeftovers, removeStackLeftovers } from '../harness/stack-leftovers.ts';

export interface OrderPipelineOptions extends PipelinePhaseOptions {
  fulfilmentWorkers: number;
  timeoutMs: number;
  /** Below 1, the services sample traces by trace id (parent-based); every span is exported otherwise. */
  traceSampleRatio?: number;
  /**
   * Old orders and inbox records, written into `database` (kept between rounds) before the first phase
   * of the first round that finds it empty: cost must not grow with them.
   */
  history?: { database: string; orders: number; inboxRecords: number; progress?: (line: string) => void };
}

interface OrderTimes {
  _id: string;
  status: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The PostgreSQL database behind the rig's FerretDB when this process started it (ferretdb-backend.ts). */
const rigPostgresDatabase = `conveyor_test_run_${String(process.pid)}`;

/** The MongoDB counter every Conveyor service exposes; `db:<service>:<command>:<collection>` here. */
const commandsMetric = 'conveyor_mongodb_commands_total';

/**
 * The services run with their production polling intervals (the e2e stack's are shorter, for quick
 * tests), and with the sandbox providers' records in memory: a real provider keeps them on its own
 * servers, as the peer's 5 ms stand-in does, so the database carries Conveyor's own work only.
 */
const benchServiceEnv = {
  gateway: { OUTBOX_INTERVAL_MS: '5000', OUTBOX_GRACE_MS: '10000' },
  scheduler: { TICK_MS: '250', LEASE_MS: '5000' },
  'fulfilment-worker': { SANDBOX_MEMORY: 'memory' },
};

export async function orderPipeline(options: OrderPipelineOptions): Promise<PipelineFigures> {
  const stack = await startStack({
    fulfilmentWorkers: options.fulfilmentWorkers,
    serviceEnv: benchServiceEnv,
    // The commands-per-order table; the driver's monitoring cost no more than the noise (PERFORMANCE.md).
    commonEnv: { MONGO_COMMAND_METRICS: 'true', ...samplerEnv(options.traceSampleRatio ?? 1) },
    ...(options.history === undefined ? {} : { database: options.history.database }),
  });
  const leftovers = await readStackLeftovers(
    stack.services.flatMap((service) => (service.child.pid === undefined ? [] : [service.child.pid])),
  );
  const endings = await watchOrderEndings(stack.servers.amqpUrl, Exchange.events);
  try {
    if (options.history !== undefined) await ensureHistory(stack, options.history);
    const total = options.burstOrders + options.bigBurstOrders + options.orders;
    return await withinDeadline(load(stack, endings, options), options.timeoutMs, `${total} orders finished`);
  } finally {
    await endings.close();
    await stack.stop();
    await removeStackLeftovers(leftovers, serverUrls());
  }
}

/**
 * One lookup by _id each, 20 at a time: FerretDB answers `_id: {$in}` by reading the whole collection,
 * which the history scenario makes large.
 */
async function ordersById(orders: Collection<OrderTimes>, ids: readonly string[]): Promise<OrderTimes[]> {
  const found: OrderTimes[] = [];
  for (let start = 0; start < ids.length; start += 20) {
    const batch = await Promise.all(ids.slice(start, start + 20).map((id) => orders.findOne({ _id: id })));
    for (const order of batch) if (order !== null) found.push(order);
  }
  return found;
}

/** The OpenTelemetry SDK's own variables: a trace is kept or dropped at its root, by its id. */
function samplerEnv(ratio: number): Record<string, string> {
  return ratio >= 1
    ? {}
    : { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: String(ratio) };
}

/** Preloads the history once per database: a marker document says it is there. */
async function ensureHistory(
  stack: Stack,
  history: NonNullable<OrderPipelineOptions['history']>,
): Promise<void> {
  const markers = stack.db.collection<{ _id: string; at: Date }>('bench_history');
  if ((await markers.findOne({ _id: 'preloaded' })) !== null) return;
  // As the stack's own: its tenant, and the queue names its processes consume.
  const { queues } = stack.names;
  const { orders, inboxRecords, progress } = history;
  await preloadHistory(stack.db, {
    orders,
    inboxRecords,
    ...(progress === undefined ? {} : { progress }),
    tenantId: stack.tenant,
    queues: { orders: queues.orders, notifier: queues.notifier },
  });
  try {
    await vacuumPostgresDatabase(rigPostgresDatabase);
    progress?.(`history preload: vacuumed PostgreSQL database ${rigPostgresDatabase}`);
  } catch (error) {
    // Another server than the rig's FerretDB on PostgreSQL: measured as it is, and said so.
    progress?.(`history preload: not vacuumed (${errorMessage(error)}); autovacuum may run meanwhile`);
  }
  await markers.insertOne({ _id: 'preloaded', at: new Date() });
}

function load(stack: Stack, endings: OrderEndings, options: OrderPipelineOptions): Promise<PipelineFigures> {
  const processes = new Map(
    stack.services.flatMap((service) =>
      service.child.pid === undefined ? [] : [[service.name, service.child.pid] as const],
    ),
  );
  const orders: Collection<OrderTimes> = stack.db.collection<OrderTimes>('orders');
  return runPipelinePhases(
    {
      processes,
      servers: ['rabbitmq', 'ferretdb', 'postgresql'],
      // The rig's FerretDB started by this process keeps its data in conveyor_test_run_<pid>
      // (test/support/ferretdb-backend.ts); with another server no backend of it is found, and every
      // postgres process counts.
      postgresDatabase: rigPostgresDatabase,
      submit: (order) => postOrder(`${stack.gatewayUrl}/v1/orders`, order, stack.authHeaders),
      settled: (pending) => Promise.resolve(endings.ended(pending)),
      async times(ids) {
        const found = await ordersById(orders, ids);
        return found.map((order) => ({
          id: order._id,
          status: order.status,
          createdAt: order.createdAt.getTime(),
          updatedAt: order.updatedAt.getTime(),
        }));
      },
      counters: () => databaseCommands(stack.services, stack.authHeaders),
      smtp: stack.smtp,
      messageIds: (orderId) => [emailMessageId(orderId, 'confirmed'), emailMessageId(orderId, 'shipped')],
    },
    options,
  );
}

/**
 * `db:<service>:<command>:<collection>` → the count so far, summed over the processes of a service.
 * A service whose /metrics does not answer, or has no such counter yet, adds nothing.
 */
async function databaseCommands(
  services: readonly ServiceProcess[],
  headers: Record<string, string>,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const scrapes = await Promise.all(
    services.map(async (service) => {
      const response = await fetch(new URL('/metrics', service.healthUrl), { headers }).catch(
        () => undefined,
      );
      return { service, text: response?.ok === true ? await response.text() : '' };
    }),
  );
  for (const { service, text } of scrapes) {
    for (const sample of counterSamples(text, commandsMetric)) {
      const name = sample.labels.service ?? service.name.replace(/-\d+$/, '');
      const key = `db:${name}:${sample.labels.command ?? '?'}:${sample.labels.collection || '-'}`;
      counts[key] = (counts[key] ?? 0) + sample.value;
    }
  }
  return counts;
}

interface Sample {
  labels: Record<string, string | undefined>;
  value: number;
}

/** The samples of one metric in Prometheus' text exposition: `name{a="x",b="y"} 12`. */
export function counterSamples(text: string, metric: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`) && !line.startsWith(`${metric} `)) continue;
    const close = line.lastIndexOf('}');
    const labelText = close < 0 ? '' : line.slice(metric.length + 1, close);
    const value = Number(
      line
        .slice(close < 0 ? metric.length : close + 1)
        .trim()
        .split(' ')[0],
    );
    const labels: Record<string, string> = {};
    for (const match of labelText.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[match[1] ?? ''] = (match[2] ?? '').replace(/\\(.)/g, '$1');
    }
    if (Number.isFinite(value)) samples.push({ labels, value });
  }
  return samples;
}
