// The demo worker as a function of its connections, so that main.ts and the tests start the same
// thing: one consumer on its queue, through the inbox, writing a keyed record per task.
import type { Bus, QueueType } from '@conveyor/bus';
import { demoTaskRequested } from '@conveyor/contracts';
import { createInbox, type Store } from '@conveyor/store';
import type { Logger } from 'pino';
import { demoTasksCollection, handleDemoTask, type DemoTaskRecord } from './handlers/demo-task.ts';
import { demoQueueName, demoTasksQueue } from './topology.ts';

export interface DemoWorkerOptions {
  bus: Bus;
  store: Store;
  logger: Logger;
  /** Default `demo-worker.tasks`. */
  queue?: string;
  /** The topic exchange the queue binds to; default the shared `conveyor.events`. */
  exchange?: string;
  queueType?: QueueType;
  /** Unacked deliveries at once (default 10). */
  prefetch?: number;
}

export interface DemoWorker {
  readonly queue: string;
  /** Stops consuming and waits for the handlers in flight. Idempotent. */
  stop(): Promise<void>;
}

export async function startDemoWorker(options: DemoWorkerOptions): Promise<DemoWorker> {
  const { bus, store, logger } = options;
  const queue = demoTasksQueue(options.queue ?? demoQueueName, options.exchange);
  const tasks = store.db.collection<DemoTaskRecord>(demoTasksCollection);
  const host = bus
    .consumer({
      queue: { ...queue, ...(options.queueType === undefined ? {} : { type: options.queueType }) },
      prefetch: options.prefetch ?? 10,
      inbox: createInbox(store),
    })
    .on(demoTaskRequested, handleDemoTask(tasks, logger));
  await host.start();
  let stopping: Promise<void> | undefined;
  return {
    queue: queue.name,
    stop: () => (stopping ??= host.stop()),
  };
}
