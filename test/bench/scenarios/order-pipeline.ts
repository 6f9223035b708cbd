// The whole order system as real processes (the end-to-end stack: gateway, fulfilment workers,
// notifier, job worker, scheduler), in two phases on one stack: a burst of orders submitted as fast
// as the gateway takes them (a bounded number of requests in flight) gives the orders per second
// the pipeline completes; then orders at a fixed rate the pipeline can sustain give accept →
// completed latency, from the order documents' createdAt/updatedAt. Over both phases: the peak RSS
// and the CPU time of every service process. The stack's queues and KV bucket are removed after.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Collection } from 'mongodb';
import { api, startStack, type Stack } from '../../e2e/stack.ts';
import { serverUrls } from '../../support/index.ts';
import { processCpuSeconds } from '../harness/cpu-meter.ts';
import { withinDeadline } from '../harness/deadline.ts';
import { pace } from '../harness/pacer.ts';
import { sampleRss } from '../harness/rss-sampler.ts';
import { readStackLeftovers, removeStackLeftovers } from '../harness/stack-leftovers.ts';
import { summarizeLatencies, type LatencySummary } from '../stats.ts';

export interface OrderPipelineOptions {
  /** Orders of the burst phase, submitted with `burstConcurrency` requests in flight. */
  burstOrders: number;
  burstConcurrency: number;
  /** Orders per second of the paced phase, and how many. */
  rate: number;
  orders: number;
  fulfilmentWorkers: number;
  timeoutMs: number;
}

export interface OrderPipelineFigures extends LatencySummary {
  /** Both phases. */
  submitted: number;
  /** Answered 202 by the gateway, both phases. */
  accepted: number;
  /** Ended `completed` (rather than compensated or failed), both phases. */
  completed: number;
  /** Burst phase: completed orders per second, first accepted → last completed. */
  ordersPerSecond: number;
  /** Peak RSS per service process, MiB. */
  rssMb: Record<string, number>;
  /** CPU milliseconds per accepted order of each service process, over both phases. */
  cpuMsPerOrder: Record<string, number>;
  /** The largest peak RSS of the workers: every service but the gateway (the HTTP API). */
  maxWorkerRssMb: number;
  maxServiceRssMb: number;
}

interface OrderTimes {
  _id: string;
  status: string;
  createdAt: Date;
  updatedAt: Date;
}

const terminalStatuses = ['completed', 'compensated', 'failed'];

export async function orderPipeline(options: OrderPipelineOptions): Promise<OrderPipelineFigures> {
  const stack = await startStack({ fulfilmentWorkers: options.fulfilmentWorkers });
  const leftovers = await readStackLeftovers(
    stack.services.flatMap((service) => (service.child.pid === undefined ? [] : [service.child.pid])),
  );
  try {
    const total = options.burstOrders + options.orders;
    return await withinDeadline(load(stack, options), options.timeoutMs, `${total} orders finished`);
  } finally {
    await stack.stop();
    await removeStackLeftovers(leftovers, serverUrls());
  }
}

async function load(stack: Stack, options: OrderPipelineOptions): Promise<OrderPipelineFigures> {
  const processes = new Map(
    stack.services.flatMap((service) =>
      service.child.pid === undefined ? [] : [[service.name, service.child.pid] as const],
    ),
  );
  const rss = sampleRss(processes);
  const cpuAtStart = await cpuSecondsOf(processes);
  const orders = stack.db.collection<OrderTimes>('orders');
  try {
    const burstIds = await submitBurst(stack, options.burstOrders, options.burstConcurrency);
    const burst = await finished(orders, burstIds);
    const pacedIds = await submitPaced(stack, options.rate, options.orders, options.burstOrders);
    const paced = await finished(orders, pacedIds);
    const peaks = await rss.stop();
    const cpuAtEnd = await cpuSecondsOf(processes);
    const accepted = burstIds.length + pacedIds.length;
    const burstCompleted = burst.filter((order) => order.status === 'completed');
    const pacedCompleted = paced.filter((order) => order.status === 'completed');
    const firstAccepted = Math.min(...burstCompleted.map((order) => order.createdAt.getTime()));
    const lastCompleted = Math.max(...burstCompleted.map((order) => order.updatedAt.getTime()));
    const workerPeaks = Object.entries(peaks).filter(([name]) => name !== 'gateway');
    return {
      ...summarizeLatencies(
        pacedCompleted.map((order) => order.updatedAt.getTime() - order.createdAt.getTime()),
      ),
      submitted: options.burstOrders + options.orders,
      accepted,
      completed: burstCompleted.length + pacedCompleted.length,
      ordersPerSecond: burstCompleted.length / ((lastCompleted - firstAccepted) / 1000),
      rssMb: peaks,
      cpuMsPerOrder: Object.fromEntries(
        [...cpuAtEnd].map(([name, seconds]) => [
          name,
          ((seconds - (cpuAtStart.get(name) ?? Number.NaN)) * 1000) / Math.max(1, accepted),
        ]),
      ),
      maxWorkerRssMb: Math.max(...workerPeaks.map(([, mb]) => mb)),
      maxServiceRssMb: Math.max(...Object.values(peaks)),
    };
  } finally {
    await rss.stop();
  }
}

/** As fast as the gateway answers, `concurrency` requests at a time; the ids it accepted. */
async function submitBurst(stack: Stack, total: number, concurrency: number): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const submitter = async () => {
    while (next < total) {
      const index = next;
      next += 1;
      const id = await submitOrder(stack, index);
      if (id !== undefined) ids.push(id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, submitter));
  return ids;
}

async function submitPaced(stack: Stack, rate: number, total: number, firstIndex: number): Promise<string[]> {
  const submissions: Promise<string | undefined>[] = [];
  await pace({ rate, total, stepMs: 5 }, (index) => {
    const submission = submitOrder(stack, firstIndex + index);
    submission.catch(() => undefined);
    submissions.push(submission);
  });
  return (await Promise.all(submissions)).filter((id) => id !== undefined);
}

/** Waits until every order reached a terminal status and returns them. */
async function finished(orders: Collection<OrderTimes>, ids: readonly string[]): Promise<OrderTimes[]> {
  const filter = { _id: { $in: [...ids] }, status: { $in: terminalStatuses } };
  // Completion is a document state with no event to await; poll, bounded by the caller's deadline.
  while ((await orders.countDocuments(filter)) < ids.length) await sleep(250);
  return orders.find({ _id: { $in: [...ids] } }).toArray();
}

async function cpuSecondsOf(processes: ReadonlyMap<string, number>): Promise<Map<string, number>> {
  const seconds = new Map<string, number>();
  for (const [name, pid] of processes) seconds.set(name, await processCpuSeconds(pid));
  return seconds;
}

/** The order's id when the gateway accepted it (202), else undefined. */
async function submitOrder(stack: Stack, index: number): Promise<string | undefined> {
  const response = await api(stack, 'POST', '/v1/orders', {
    customerId: `bench-customer-${index}`,
    email: `bench-${index}@example.test`,
    items: [{ sku: 'WIDGET-1', qty: 1 + (index % 3) }],
    express: index % 5 === 0,
  });
  if (response.status !== 202) return undefined;
  const body = response.body;
  return typeof body === 'object' && body !== null && 'id' in body && typeof body.id === 'string'
    ? body.id
    : undefined;
}
