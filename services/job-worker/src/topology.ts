import { Exchange, type WorkQueueSpec } from '@conveyor/bus';
import { jobRequested, WorkQueue } from '@conveyor/contracts';

export const defaultJobsQueueName: string = WorkQueue.jobWorkerJobs;

export function jobsQueue(name: string): WorkQueueSpec {
  return { name, bindings: [{ exchange: Exchange.events, pattern: jobRequested.name }] };
}
