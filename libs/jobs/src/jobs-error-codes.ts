// The jobs library's stable error codes and their verdicts (the gateway gives each its HTTP status).
import { defineErrorCodes, type ErrorCodeOf } from '@conveyor/contracts';

export const JobsErrorCode = defineErrorCodes({
  /** The job's job.requested.v1 message would be over the bus's body limit: it could never be published. */
  messageTooLarge: ['JOB_MESSAGE_TOO_LARGE', 'permanent'],
  /** No worker has registered the job's type: nothing would run it. */
  unknownJobType: ['UNKNOWN_JOB_TYPE', 'permanent'],
  /** The job's data fails its type's schema. */
  invalidJobPayload: ['INVALID_JOB_PAYLOAD', 'permanent'],
  /** A cancel of a job already completed, failed or cancelled. */
  jobFinished: ['JOB_FINISHED', 'permanent'],
  /** A retry of a job that has not failed nor been cancelled. */
  jobNotRetryable: ['JOB_NOT_RETRYABLE', 'permanent'],
  /** A list's cursor that no page returned. */
  invalidCursor: ['INVALID_CURSOR', 'permanent'],
  /** The job was cancelled while its handler ran: it ends `cancelled`, never retried. */
  jobCancelled: ['JOB_CANCELLED', 'permanent'],
});

export type JobsErrorCode = ErrorCodeOf<typeof JobsErrorCode>;
