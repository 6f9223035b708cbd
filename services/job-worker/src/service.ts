// The job worker as a function of its connections, so that main.ts and the tests start the same thing:
// one consumer of job.requested.v1 on its queue, with the inbox, running each job type and recording
// the outcome on the job and its schedule run.
import { defaultRetryPolicy, type Bus, type QueueType } from '@conveyor/bus';
import { jobRequested } from '@conveyor/contracts';
import { createInbox, type Store } from '@conveyor/store';
import type { Logger } from 'pino';
import { runJob } from './handlers/run-job.ts';
import { defaultJobsQueueName, jobsQueue } from './topology.ts';

export interface JobWorkerOptions {
  bus: Bus;
  store: Store;
  logger: Logger;
  /** Default `job-worker.jobs`. */
  queue?: string;
  /** `classic` (default: priority ordering) or `quorum` (replicated, for a production cluster). */
  queueType?: QueueType;
  /** Jobs run at once (default 4). */
  prefetch?: number;
  /** A job's deadline (default 10 min); its inbox lease is twice that. */
  handlerTimeoutMs?: number;
}

export interface JobWorker {
  readonly queue: string;
  /** Stops consuming. Idempotent. */
  stop(): Promise<void>;
}

export async function startJobWorker(options: JobWorkerOptions): Promise<JobWorker> {
  const { bus, store, logger } = options;
  const handlerTimeoutMs = options.handlerTimeoutMs ?? 600_000;
  const host = bus
    .consumer({
      queue: { ...jobsQueue(options.queue ?? defaultJobsQueueName), type: options.queueType },
      prefetch: options.prefetch ?? 4,
      inbox: createInbox(store),
      handlerTimeoutMs,
      leaseMs: handlerTimeoutMs * 2,
    })
    .on(jobRequested, runJob(store, logger, defaultRetryPolicy.maxAttempts));
  await host.start();
  logger.info({ queue: host.queue }, 'job worker consuming');
  return { queue: host.queue, stop: () => host.stop() };
}
