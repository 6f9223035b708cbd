// @conveyor/jobs: generic jobs, the only door to the `jobs` collection. The document and its statuses,
// the job's message id, every write (accept, one-off acceptance by the scheduler's leader, the job
// worker's outcome, the stuck-job sweep), the reads of the gateway and the dashboard, and retention.
export {
  jobsCollection,
  jobStatuses,
  finishedJobStatuses,
  isFinishedJobStatus,
  jobType,
  jobPriority,
  defaultBatchJobPriority,
  jobDocument,
  type JobDocument,
  type JobStatus,
} from './job-document.ts';
export { jobRequestedMessage, jobRequestedMessageId, type JobRequestedInput } from './job-message.ts';
export { submitJob, type SubmitJobInput, type SubmitJobResult } from './submit-job.ts';
export { JobsErrorCode } from './jobs-error-codes.ts';
export { JobMessageTooLargeError } from './errors/job-message-too-large-error.ts';
export {
  acceptScheduledJob,
  dueScheduledJobs,
  scheduledJob,
  type AcceptScheduledJob,
  type AcceptedScheduledJob,
  type DueScheduledJob,
  type ScheduledJob,
} from './scheduled-jobs.ts';
export { recordJobOutcome, type JobOutcome, type JobRef } from './job-outcome.ts';
export { findJob, getJob, jobStatusOf, listJobs, type JobQuery } from './job-queries.ts';
export { ensureJobIndexes } from './job-indexes.ts';
export {
  createStuckJobSweep,
  jobSweepsCollection,
  type StuckJobSweep,
  type StuckJobSweepOptions,
  type StuckJobReport,
} from './stuck-jobs.ts';
export { failUnstartedJob } from './fail-unstarted-job.ts';
export { deleteFinishedJobsOlderThan } from './job-retention.ts';
