import { Exchange, type WorkQueueSpec } from '@conveyor/bus';
import { jobRequested } from '@conveyor/contracts';

export function jobsQueue(name: string): WorkQueueSpec {
  return { name, bindings: [{ exchange: Exchange.events, pattern: jobRequested.name }] };
}
