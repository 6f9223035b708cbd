import { WorkQueue } from '@conveyor/contracts';

/** The built-in types' queue; each type binds its own routing key to it (see @conveyor/worker). */
export const defaultJobsQueueName: string = WorkQueue.jobWorkerJobs;
