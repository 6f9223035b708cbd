// The queue this service owns (`<service>.<purpose>`), bound to the one event it handles.
import { Exchange, type WorkQueueSpec } from '@conveyor/bus';
import { demoTaskRequested, WorkQueue } from '@conveyor/contracts';

export const demoQueueName = WorkQueue.demoWorkerTasks;

export function demoTasksQueue(
  name: string = demoQueueName,
  exchange: string = Exchange.events,
): WorkQueueSpec {
  return { name, bindings: [{ exchange, pattern: demoTaskRequested.name }] };
}

export const demoQueue: WorkQueueSpec = demoTasksQueue();
