// BullMQ on Redis, the same N end to end: jobs added through the same in-flight window as the AMQP
// publishes, processed by 4 Workers × concurrency 50 with a no-op processor, first add → last processed.
// Completed jobs are removed (removeOnComplete), as a production queue would be configured.
import { Queue, Worker } from 'bullmq';
import { uniqueName } from '../../support/index.ts';
import { publishWindowed } from '../harness/confirm-window.ts';
import { countdown } from '../harness/countdown.ts';
import { withinDeadline } from '../harness/deadline.ts';
import { startCpuMeter } from '../harness/cpu-meter.ts';
import { throughputFigures, type ThroughputFigures } from '../harness/figures.ts';
import { redisAddress } from '../harness/redis-url.ts';

export interface BullmqThroughputOptions {
  redisUrl: string;
  jobs: number;
  workers: number;
  concurrency: number;
  timeoutMs: number;
}

export async function bullmqThroughput(options: BullmqThroughputOptions): Promise<ThroughputFigures> {
  const { jobs } = options;
  const connection = { ...redisAddress(options.redisUrl), maxRetriesPerRequest: null };
  const name = uniqueName('bench-bullmq');
  const queue = new Queue(name, { connection });
  const workers: Worker[] = [];
  // Every resource is released whether the run failed or not; a cleanup failure is reported after.
  const closeAll = async (): Promise<unknown> => {
    const results = await Promise.allSettled(workers.map((worker) => worker.close()));
    results.push(
      ...(await Promise.allSettled([queue.obliterate({ force: true }).finally(() => queue.close())])),
    );
    return results.find((result) => result.status === 'rejected')?.reason;
  };
  let figures: ThroughputFigures;
  try {
    figures = await measure();
  } catch (error) {
    await closeAll();
    throw error;
  }
  const failure = await closeAll();
  if (failure instanceof Error) throw failure;
  if (failure !== undefined) throw new Error('BullMQ cleanup failed', { cause: failure });
  return figures;

  async function measure(): Promise<ThroughputFigures> {
    const processed = countdown(jobs);
    for (let index = 0; index < options.workers; index += 1) {
      const worker = new Worker(
        name,
        () => {
          processed.tick();
          return Promise.resolve();
        },
        { connection, concurrency: options.concurrency },
      );
      workers.push(worker);
      await worker.waitUntilReady();
    }
    await queue.waitUntilReady();
    const cpu = await startCpuMeter();
    const startedAt = performance.now();
    const run = async () => {
      await publishWindowed(jobs, (n) =>
        queue.add('noop', { n, sentAt: performance.now() }, { removeOnComplete: true, removeOnFail: true }),
      );
      await processed.done;
    };
    await withinDeadline(run(), options.timeoutMs, `${jobs} BullMQ jobs processed`);
    return await throughputFigures(jobs, startedAt, cpu);
  }
}
