// @conveyor/sdk: what a user's application installs to bring its own jobs to Conveyor. The worker side
// (defineJob, createWorker) is @conveyor/worker's; the client enqueues and follows jobs over the
// gateway's HTTP API. Everything is bundled into dist/ at build time (see tsdown.config.ts).
export {
  createBusClient,
  createWorker,
  defineJob,
  InvalidJobDefinitionError,
  JobFailedError,
  type BusClient,
  type BusClientOptions,
  type BusEnqueueOptions,
  type FanOut,
  type FanOutChild,
  type FanOutOptions,
  type JobContext,
  type JobDefinition,
  type JobHandler,
  type JobOptions,
  type Worker,
  type WorkerConnections,
  type WorkerOptions,
} from '@conveyor/worker';
export {
  createClient,
  type ClientOptions,
  type ConveyorClient,
  type JobFilter,
} from './client/create-client.ts';
export type { EnqueueOptions } from './client/enqueue-options.ts';
export type { EnqueueableJob, JobInput, JobResult } from './client/enqueueable-job.ts';
export type { JobHandle, ResultOptions } from './client/job-handle.ts';
export {
  finishedJobStatuses,
  jobStatuses,
  type FinishedJobStatus,
  type Job,
  type JobAttempt,
  type JobPage,
  type JobProgress,
  type JobStatus,
  type JobTypeInfo,
} from './client/job-views.ts';
// Every error the SDK throws is a ConveyorError: a stable `code` and a `retryable` verdict.
export { ConveyorError } from '@conveyor/contracts';
export { ConveyorApiError } from './client/errors/conveyor-api-error.ts';
export { GatewayUnreachableError } from './client/errors/gateway-unreachable-error.ts';
export { JobNotCompletedError } from './client/errors/job-not-completed-error.ts';
export { JobResultTimeoutError } from './client/errors/job-result-timeout-error.ts';
export { SdkErrorCode } from './client/errors/sdk-error-codes.ts';
export { UnexpectedResponseError } from './client/errors/unexpected-response-error.ts';
