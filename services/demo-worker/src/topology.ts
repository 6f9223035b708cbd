import { Exchange, type WorkQueueSpec } from '@conveyor/bus';
import { demoTaskRequested } from '@conveyor/contracts';

/** The queue this service owns (`<service>.<purpose>`), bound to the one event it handles. */
export const demoQueue: WorkQueueSpec = {
  name: 'demo-worker.tasks',
  bindings: [{ exchange: Exchange.events, pattern: demoTaskRequested.name }],
};
