export { jobTypes } from './jobs/job-types.ts';
export type { JobRunner, JobContext } from './jobs/job-runner.ts';
export { runJob } from './handlers/run-job.ts';
export { jobsQueue } from './topology.ts';
export { jobWorkerEnv, readConfig, type JobWorkerConfig } from './config.ts';
