// @conveyor/job-worker: the in-process door for tests and embedding; src/main.ts runs it as a service.
export { builtInJobs } from './jobs/built-in-jobs.ts';
export { defaultJobsQueueName } from './topology.ts';
export { startJobWorker, type JobWorker, type JobWorkerOptions } from './service.ts';
export { jobWorkerEnv, readConfig, type JobWorkerConfig } from './config.ts';
