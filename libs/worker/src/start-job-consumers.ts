// The part of a worker that runs on connections it is given (Conveyor's own job-worker service brings
// its runtime's; createWorker opens its own): register the job types, declare and consume their queues,
// listen for cancel requests, and stop in order.
import { createInbox, type Store } from '@conveyor/store';
import { jobCancelRequest, jobCancelSubjects, jobRequested } from '@conveyor/contracts';
import type { Bus, ConsumerHost, QueueType } from '@conveyor/bus';
import type { EventsClient, EventSubscription } from '@conveyor/events';
import { createJobTypeCatalog, registerJobTypes } from '@conveyor/jobs';
import type { Logger } from 'pino';
import { registrationOf, type JobDefinition } from './define-job.ts';
import { planJobQueues } from './queues/job-queues.ts';
import { invokeInProcess, type HandlerInvoker } from './running/handler-invoker.ts';
import { withRetriesInPlace } from './running/retries-in-place.ts';
import { runAttempt } from './running/run-attempt.ts';
import { RunningJobs } from './running/running-jobs.ts';
import { ThreadPool } from './threads/thread-pool.ts';

export interface JobConsumersOptions {
  bus: Bus;
  store: Store;
  /** Live progress and cancel requests for running jobs; without it a cancel is seen at the next progress. */
  events: EventsClient | null;
  logger: Logger;
  jobs: readonly JobDefinition[];
  /** Written on the registry entries: which worker registered a type last. */
  registeredBy: string;
  queueType?: QueueType;
  /** Threads for definitions with `thread`; default the machine's parallelism less one (at least 1). */
  threads?: number;
}

export interface JobConsumers {
  readonly hosts: readonly ConsumerHost[];
  /** Stops consuming (in-flight jobs finish within the bus's stop budget), then the threads. */
  stop(): Promise<void>;
}

export async function startJobConsumers(options: JobConsumersOptions): Promise<JobConsumers> {
  const { bus, store, logger } = options;
  const queues = planJobQueues(options.jobs, options.queueType ?? 'classic');
  await registerJobTypes(store, options.jobs.map(registrationOf), options.registeredBy);
  const running = new RunningJobs();
  const threads = options.jobs.some((job) => job.thread !== null) ? new ThreadPool(options.threads) : null;
  const inProcessOrThread: HandlerInvoker = (definition, data, context) =>
    definition.thread !== null && threads !== null
      ? threads.run(definition, data, context)
      : invokeInProcess(definition, data, context);
  const catalog = createJobTypeCatalog(store);
  const inbox = createInbox(store);
  const hosts = queues.map((queue) => {
    const invoke = queue.retriesInPlace ? withRetriesInPlace(inProcessOrThread) : inProcessOrThread;
    const definitions = new Map(queue.definitions.map((definition) => [definition.type, definition]));
    const deps = {
      store,
      events: options.events,
      publish: (message: Parameters<Bus['publish']>[0]) => bus.publish(message),
      logger,
      running,
      catalog,
      invoke,
    };
    return bus
      .consumer({
        queue: queue.spec,
        prefetch: queue.prefetch,
        retry: queue.retry,
        inbox,
        handlerTimeoutMs: queue.handlerTimeoutMs,
        leaseMs: queue.handlerTimeoutMs * 2,
      })
      .on(jobRequested, runAttempt(deps, definitions, queue.retry.maxAttempts));
  });
  let cancels: EventSubscription | undefined;
  try {
    for (const host of hosts) await host.start();
    cancels = options.events?.subscribe(jobCancelSubjects, jobCancelRequest, (request) => {
      if (running.cancel(request.jobId)) logger.info({ jobId: request.jobId }, 'cancelling a running job');
    });
  } catch (error) {
    await Promise.all(hosts.map((host) => host.stop()));
    await threads?.close();
    throw error;
  }
  logger.info(
    { types: options.jobs.map((job) => job.type), queues: hosts.map((host) => host.queue) },
    'job consumers started',
  );
  let stopping: Promise<void> | undefined;
  return {
    hosts,
    stop() {
      stopping ??= (async () => {
        await cancels?.unsubscribe();
        await Promise.all(hosts.map((host) => host.stop()));
        await threads?.close();
      })();
      return stopping;
    },
  };
}
