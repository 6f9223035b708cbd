// @conveyor/jobs: generic jobs, the only door to the `jobs` and `job_types` collections. The document
// and its statuses, the job's message and routing, the registry of job types, every write (accept,
// one-off acceptance by the scheduler's leader, a worker's attempts, progress and checkpoints, cancel,
// retry, batch fan-out, the stuck-job sweep), the reads of the gateway and the dashboard, and retention.
export {
  jobsCollection,
  jobStatuses,
  finishedJobStatuses,
  isFinishedJobStatus,
  queuedJobStatuses,
  attemptOutcomes,
  type JobAttempt,
  jobType,
  jobPriority,
  defaultBatchJobPriority,
  jobDocument,
  type JobDocument,
  type JobStatus,
} from './job-document.ts';
export {
  jobRequestedMessage,
  jobRequestedMessageId,
  jobRunMessage,
  type JobRequestedInput,
  type JobRunFields,
} from './job-message.ts';
export { newJobId, jobIdForKey } from './job-ids.ts';
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
export { findJob, getJob, jobStatusOf, listJobs, type JobPage, type JobQuery } from './job-queries.ts';
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
export {
  jobTypesCollection,
  jobTypeDocument,
  jobTypeSchemaOf,
  type JobTypeDocument,
  type JobTypeRegistration,
} from './job-types/job-type-document.ts';
export { registerJobTypes, findJobType, listJobTypes } from './job-types/register-job-types.ts';
export { orderingKeyOf } from './job-types/ordering-key.ts';
export {
  createJobTypeCatalog,
  type JobTypeCatalog,
  type JobTypeCatalogOptions,
} from './job-types/job-type-catalog.ts';
export {
  startJobRun,
  endJobAttempt,
  recordJobProgress,
  recordJobCheckpoint,
  type JobRunRef,
  type JobRunStart,
  type StartedAttempt,
  type AttemptEnd,
  type JobSignals,
} from './job-runs.ts';
export { cancelJob, type CancelledJob } from './cancel-job.ts';
export { retryJob, type RetriedJob } from './retry-job.ts';
export {
  fanOutJob,
  recordChildEnd,
  childJobId,
  type ChildJob,
  type CallbackJob,
  type FanOutParent,
  type ParentEnded,
} from './fan-out.ts';
export { UnknownJobTypeError } from './errors/unknown-job-type-error.ts';
export { InvalidJobPayloadError, type PayloadIssue } from './errors/invalid-job-payload-error.ts';
export { JobFinishedError } from './errors/job-finished-error.ts';
export { JobNotRetryableError } from './errors/job-not-retryable-error.ts';
export { JobCancelledError } from './errors/job-cancelled-error.ts';
export { InvalidJobCursorError } from './errors/invalid-job-cursor-error.ts';
export { acceptRegisteredJob, type AcceptJobDeps, type AcceptJobInput } from './accept-registered-job.ts';
