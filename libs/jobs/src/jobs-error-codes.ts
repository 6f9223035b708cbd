// The jobs library's stable error codes and their verdicts (the gateway gives each its HTTP status).
import { defineErrorCodes, type ErrorCodeOf } from '@conveyor/contracts';

export const JobsErrorCode = defineErrorCodes({
  /** The job's job.requested.v1 message would be over the bus's body limit: it could never be published. */
  messageTooLarge: ['JOB_MESSAGE_TOO_LARGE', 'permanent'],
});

export type JobsErrorCode = ErrorCodeOf<typeof JobsErrorCode>;
