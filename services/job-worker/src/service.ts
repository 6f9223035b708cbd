// The job worker as a function of its connections, so that main.ts and the tests start the same thing:
// Conveyor's built-in job types (@conveyor/worker definitions) registered and consumed on one queue.
import type { Bus, QueueType } from '@conveyor/bus';
import type { EventsClient } from '@conveyor/events';
import type { Store } from '@conveyor/store';
import { startJobConsumers } from '@conveyor/worker';
import type { Logger } from 'pino';
import { builtInJobs } from './jobs/built-in-jobs.ts';
import { defaultJobsQueueName } from './topology.ts';

export interface JobWorkerOptions {
  bus: Bus;
  store: Store;
  /** Live progress and immediate cancels; without it a cancel is seen at the job's next progress. */
  events?: EventsClient | null;
  logger: Logger;
  /** Default `job-worker.jobs`. */
  queue?: string;
  /** `classic` (default: priority ordering) or `quorum` (replicated, for a production cluster). */
  queueType?: QueueType;
  /** Jobs run at once (default 4). */
  prefetch?: number;
  /** A job's deadline (default 10 min); its inbox lease is twice that. */
  handlerTimeoutMs?: number;
  /** Written on the registry: which instance registered the types last. */
  instanceId?: string;
}

export interface JobWorker {
  readonly queue: string;
  /** Stops consuming. Idempotent. */
  stop(): Promise<void>;
}

export async function startJobWorker(options: JobWorkerOptions): Promise<JobWorker> {
  const { bus, store, logger } = options;
  const queue = options.queue ?? defaultJobsQueueName;
  const consumers = await startJobConsumers({
    bus,
    store,
    events: options.events ?? null,
    logger,
    jobs: builtInJobs(store, {
      queue,
      concurrency: options.prefetch ?? 4,
      timeoutMs: options.handlerTimeoutMs ?? 600_000,
    }),
    registeredBy: `job-worker/${options.instanceId ?? String(process.pid)}`,
    queueType: options.queueType,
  });
  return { queue, stop: () => consumers.stop() };
}
