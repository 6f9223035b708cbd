// The whole order system as real processes (the end-to-end stack: gateway, fulfilment workers,
// notifier, job worker, scheduler): orders submitted through the gateway at a fixed rate; completed
// orders per second and accept → completed latency from the order documents' createdAt/updatedAt; the
// peak RSS of every service process while the load runs. The stack's queues and KV bucket are removed after.
import { setTimeout as sleep } from 'node:timers/promises';
import { api, startStack, type Stack } from '../../e2e/stack.ts';
import { serverUrls } from '../../support/index.ts';
import { withinDeadline } from '../harness/deadline.ts';
import { pace } from '../harness/pacer.ts';
import { sampleRss } from '../harness/rss-sampler.ts';
import { readStackLeftovers, removeStackLeftovers } from '../harness/stack-leftovers.ts';
import { summarizeLatencies, type LatencySummary } from '../stats.ts';

export interface OrderPipelineOptions {
  /** Orders per second submitted through the gateway. */
  rate: number;
  orders: number;
  fulfilmentWorkers: number;
  timeoutMs: number;
}

export interface OrderPipelineFigures extends LatencySummary {
  submitted: number;
  /** Answered 202 by the gateway. */
  accepted: number;
  completed: number;
  /** Completed orders per second, first accepted → last completed. */
  ordersPerSecond: number;
  /** Peak RSS per service process, MiB. */
  rssMb: Record<string, number>;
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
    return await withinDeadline(load(stack, options), options.timeoutMs, `${options.orders} orders finished`);
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
  const orders = stack.db.collection<OrderTimes>('orders');
  try {
    const submissions: Promise<string | undefined>[] = [];
    await pace({ rate: options.rate, total: options.orders, stepMs: 5 }, (index) => {
      const submission = submitOrder(stack, index);
      submission.catch(() => undefined);
      submissions.push(submission);
    });
    const ids = (await Promise.all(submissions)).filter((id) => id !== undefined);
    // Completion is a document state with no event to await; poll, bounded by the caller's deadline.
    while (
      (await orders.countDocuments({ _id: { $in: ids }, status: { $in: terminalStatuses } })) < ids.length
    )
      await sleep(250);
    const peaks = await rss.stop();
    const completed = await orders.find({ _id: { $in: ids }, status: 'completed' }).toArray();
    const firstAccepted = Math.min(...completed.map((order) => order.createdAt.getTime()));
    const lastCompleted = Math.max(...completed.map((order) => order.updatedAt.getTime()));
    const workerPeaks = Object.entries(peaks).filter(([name]) => name.startsWith('fulfilment-worker'));
    return {
      ...summarizeLatencies(completed.map((order) => order.updatedAt.getTime() - order.createdAt.getTime())),
      submitted: options.orders,
      accepted: ids.length,
      completed: completed.length,
      ordersPerSecond: completed.length / ((lastCompleted - firstAccepted) / 1000),
      rssMb: peaks,
      maxWorkerRssMb: Math.max(...workerPeaks.map(([, mb]) => mb)),
      maxServiceRssMb: Math.max(...Object.values(peaks)),
    };
  } finally {
    await rss.stop();
  }
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
