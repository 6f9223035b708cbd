import { PermanentError } from '@conveyor/contracts';
import { JobsErrorCode } from '../jobs-error-codes.ts';

/** The reason a cancelled job's handler signal carries: the job ends `cancelled`, not retried. */
export class JobCancelledError extends PermanentError {
  constructor(jobId: string) {
    super(JobsErrorCode.jobCancelled, `job ${jobId} was cancelled`);
  }
}
