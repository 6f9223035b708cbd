// The job-worker's stable error codes and their verdicts, in one place.
import { defineErrorCodes, type ErrorCodeOf } from '@conveyor/contracts';

export const JobWorkerErrorCode = defineErrorCodes({
  /** A job.requested.v1 naming a job type this worker has no runner for: dead-lettered at once. */
  unknownJobType: ['UNKNOWN_JOB_TYPE', 'permanent'],
});

export type JobWorkerErrorCode = ErrorCodeOf<typeof JobWorkerErrorCode>;
