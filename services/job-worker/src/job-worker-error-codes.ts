// The job-worker's stable error codes and their verdicts, in one place.
import { defineErrorCodes, type ErrorCodeOf } from '@conveyor/contracts';

export const JobWorkerErrorCode = defineErrorCodes({
  /** A job.requested.v1 naming a job type this worker has no runner for: dead-lettered at once. */
  unknownJobType: ['UNKNOWN_JOB_TYPE', 'permanent'],
  /** A job whose payload its job type cannot run (e.g. conveyor.sleep without `ms`): dead-lettered at once. */
  invalidPayload: ['INVALID_JOB_PAYLOAD', 'permanent'],
});

export type JobWorkerErrorCode = ErrorCodeOf<typeof JobWorkerErrorCode>;
