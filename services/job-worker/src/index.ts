// @conveyor/job-worker: the in-process door for tests and embedding; src/main.ts runs it as a service.
export { jobTypes } from './jobs/job-types.ts';
export type { JobRunner, JobContext } from './jobs/job-runner.ts';
export { runJob } from './handlers/run-job.ts';
export { JobWorkerErrorCode } from './job-worker-error-codes.ts';
export { defaultJobsQueueName, jobsQueue } from './topology.ts';
export { startJobWorker, type JobWorker, type JobWorkerOptions } from './service.ts';
export { jobWorkerEnv, readConfig, type JobWorkerConfig } from './config.ts';
