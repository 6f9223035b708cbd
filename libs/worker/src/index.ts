// @conveyor/worker: bring-your-own jobs. defineJob describes a job type (its zod schema, handler and
// queue options); createWorker runs definitions in a process of their own; startJobConsumers runs them
// on connections a service already has (Conveyor's job-worker). Public through @conveyor/sdk.
export {
  defineJob,
  isJobDefinition,
  registrationOf,
  type JobData,
  type JobDefinition,
  type JobHandler,
  type JobOptions,
} from './define-job.ts';
export type { JobContext, FanOut, FanOutChild, FanOutOptions } from './job-context.ts';
export { createWorker, type Worker, type WorkerConnections, type WorkerOptions } from './create-worker.ts';
export { startJobConsumers, type JobConsumers, type JobConsumersOptions } from './start-job-consumers.ts';
export { JobFailedError } from './errors/job-failed-error.ts';
export { InvalidJobDefinitionError } from './errors/invalid-job-definition-error.ts';
export { WorkerErrorCode } from './errors/worker-error-codes.ts';
export {
  createBusClient,
  type BusClient,
  type BusClientOptions,
  type BusEnqueueOptions,
} from './producer/create-bus-client.ts';
export { connectionsFromEnv } from './connections/connections-from-env.ts';
