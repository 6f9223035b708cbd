// The services' work queues, by the name each consuming service gives them by default
// (`<service>.<purpose>`). Each service's topology binds its own; the operators' tools (dashboard, CLI)
// list them all. Services never import each other, so the names live here, below all of them; the
// deploy files that cannot import (KEDA triggers, broker permissions) are checked against this list by
// test/deploy.
export const WorkQueue = {
  fulfilmentOrders: 'fulfilment-worker.orders',
  fulfilmentQuotes: 'fulfilment-worker.quotes',
  notifierOrderEvents: 'notifier.order-events',
  jobWorkerJobs: 'job-worker.jobs',
  demoWorkerTasks: 'demo-worker.tasks',
} as const;

export type WorkQueue = (typeof WorkQueue)[keyof typeof WorkQueue];

/** Every work queue, in the order operators see them. */
export const workQueues: readonly WorkQueue[] = Object.values(WorkQueue);
