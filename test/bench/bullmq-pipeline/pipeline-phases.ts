// The phases both order-pipeline scenarios run on their pipeline, the same way: a burst of orders
// (orders/s, CPU per order and counters per order over the burst alone), a larger burst with more in
// flight (the same figures), then orders at a fixed rate (accept → completed latency); then the
// Idempotency-Key is tried once more and every order and e-mail is checked for losses and duplicates.
import { uniqueName, type SmtpPeer } from '../../support/index.ts';
import { sampleRss } from '../harness/rss-sampler.ts';
import { summarizeLatencies, type LatencySummary } from '../stats.ts';
import { checkForLosses } from './loss-check.ts';
import { cpuMsPerOrder, startPhaseCpu } from './phase-cpu.ts';
import { PipelineLossError } from './pipeline-loss-error.ts';
import {
  orderRequest,
  submitBurst,
  submitPaced,
  untilSettled,
  type Submitted,
  type SubmitOrder,
} from './pipeline-load.ts';

/** An order's final state, times in ms since the epoch (from the pipeline's own store). */
export interface OrderTimes {
  id: string;
  status: string;
  createdAt: number;
  updatedAt: number;
}

export interface PipelineUnderTest {
  /** Service process name → pid. */
  processes: ReadonlyMap<string, number>;
  /** The server groups of cpu-meter.ts counted in the pipeline's CPU per order (RabbitMQ, Redis, ...). */
  servers: readonly string[];
  /** The PostgreSQL database behind the pipeline's MongoDB-wire server, whose processes alone count. */
  postgresDatabase?: string;
  submit: SubmitOrder;
  /** Of `pending`, the ids whose order reached a final state (completed or not). */
  settled(pending: readonly string[]): Promise<readonly string[]>;
  /** The final state of every id; an id with no order is left out. */
  times(ids: readonly string[]): Promise<OrderTimes[]>;
  /** Cumulative counters read before and after each burst (e.g. database commands), when there are any. */
  counters?: () => Promise<Record<string, number>>;
  smtp: SmtpPeer;
  /** The Message-IDs of the e-mails an order should cause. */
  messageIds(orderId: string): string[];
}

export interface PipelinePhaseOptions {
  burstOrders: number;
  burstConcurrency: number;
  bigBurstOrders: number;
  bigBurstConcurrency: number;
  /** Orders per second of the paced phase, and how many. */
  rate: number;
  orders: number;
}

export interface BurstFigures {
  orders: number;
  ordersPerSecond: number;
  /** CPU ms per completed order of each process and server group over the burst alone. */
  cpuMsPerOrder: Record<string, number>;
  /** Services + the pipeline's servers. */
  cpuMsPerOrderTotal: number;
  /** Increase of each counter per completed order over the burst. */
  countersPerOrder: Record<string, number>;
}

export interface PipelineFigures extends LatencySummary {
  submitted: number;
  accepted: number;
  completed: number;
  burst: BurstFigures;
  bigBurst: BurstFigures;
  /** Peak RSS per service process over every phase, MiB. */
  rssMb: Record<string, number>;
}

export async function runPipelinePhases(
  pipeline: PipelineUnderTest,
  options: PipelinePhaseOptions,
): Promise<PipelineFigures> {
  const run = uniqueName('bench-order');
  const idsByIndex = new Map<number, string>();
  const submit = async (index: number) => {
    const id = await pipeline.submit(orderRequest(run, index));
    if (id !== undefined) idsByIndex.set(index, id);
    return id;
  };
  const rss = sampleRss(pipeline.processes);
  try {
    let next = 0;
    const burstPhase = async (orders: number, concurrency: number) => {
      const first = next;
      next += orders;
      return measuredBurst(pipeline, () => submitBurst(submit, first, orders, concurrency));
    };
    const burst = await burstPhase(options.burstOrders, options.burstConcurrency);
    const bigBurst = await burstPhase(options.bigBurstOrders, options.bigBurstConcurrency);
    const paced = await submitPaced(submit, next, options.orders, options.rate);
    await untilSettled(paced.ids, (pending) => pipeline.settled(pending));
    const pacedTimes = await pipeline.times(paced.ids);
    const rssMb = await rss.stop();
    const all = [...burst.submitted.ids, ...bigBurst.submitted.ids, ...paced.ids];
    await checkIdempotency(pipeline, run, idsByIndex);
    const final = await pipeline.times(all);
    const byId = new Map(final.map((order) => [order.id, order]));
    await checkForLosses({
      refused: burst.submitted.refused + bigBurst.submitted.refused + paced.refused,
      notCompleted: all.flatMap((id) => {
        const status = byId.get(id)?.status ?? 'missing';
        return status === 'completed' ? [] : [{ id, status }];
      }),
      expectedMessageIds: all.flatMap((id) => pipeline.messageIds(id)),
      smtp: pipeline.smtp,
    });
    return {
      ...summarizeLatencies(
        pacedTimes
          .filter((order) => order.status === 'completed')
          .map((order) => order.updatedAt - order.createdAt),
      ),
      submitted: next + options.orders,
      accepted: all.length,
      completed: final.filter((order) => order.status === 'completed').length,
      burst: burst.figures,
      bigBurst: bigBurst.figures,
      rssMb,
    };
  } finally {
    await rss.stop();
  }
}

async function measuredBurst(
  pipeline: PipelineUnderTest,
  submitAll: () => Promise<Submitted>,
): Promise<{ submitted: Submitted; figures: BurstFigures }> {
  const countersBefore = (await pipeline.counters?.()) ?? {};
  const mailsBefore = pipeline.smtp.messages.length;
  const cpu = await startPhaseCpu(pipeline.processes, pipeline.postgresDatabase);
  const submitted = await submitAll();
  await untilSettled(submitted.ids, (pending) => pipeline.settled(pending));
  // The burst's work ends with its last e-mail (the shipped one goes out beside the complete step), so
  // its CPU and counters include the notifier's; a missing e-mail is the loss check's to report.
  const mails = submitted.ids.reduce((sum, id) => sum + pipeline.messageIds(id).length, 0);
  await pipeline.smtp.waitForMessages(mailsBefore + mails, 30_000).catch(() => undefined);
  const cpuSeconds = await cpu.stop();
  const countersAfter = (await pipeline.counters?.()) ?? {};
  const completed = (await pipeline.times(submitted.ids)).filter((order) => order.status === 'completed');
  const firstAccepted = Math.min(...completed.map((order) => order.createdAt));
  const lastCompleted = Math.max(...completed.map((order) => order.updatedAt));
  const { perProcess, total } = cpuMsPerOrder(
    cpuSeconds,
    [...pipeline.processes.keys(), ...pipeline.servers],
    completed.length,
  );
  return {
    submitted,
    figures: {
      orders: completed.length,
      ordersPerSecond: completed.length / ((lastCompleted - firstAccepted) / 1000),
      cpuMsPerOrder: perProcess,
      cpuMsPerOrderTotal: total,
      countersPerOrder: Object.fromEntries(
        Object.entries(countersAfter).map(([name, value]) => [
          name,
          (value - (countersBefore[name] ?? 0)) / Math.max(1, completed.length),
        ]),
      ),
    },
  };
}

/** The first order submitted again with its Idempotency-Key must answer the same order id. */
async function checkIdempotency(
  pipeline: PipelineUnderTest,
  run: string,
  idsByIndex: ReadonlyMap<number, string>,
): Promise<void> {
  const first = idsByIndex.get(0);
  if (first === undefined) return;
  const again = await pipeline.submit(orderRequest(run, 0));
  if (again !== first)
    throw new PipelineLossError([
      `the Idempotency-Key of order ${first} answered ${again ?? 'a refusal'} the second time`,
    ]);
}
