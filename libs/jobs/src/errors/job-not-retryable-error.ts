import { PermanentError } from '@conveyor/contracts';
import { JobsErrorCode } from '../jobs-error-codes.ts';

export class JobNotRetryableError extends PermanentError {
  readonly status: string;

  constructor(jobId: string, status: string) {
    super(
      JobsErrorCode.jobNotRetryable,
      `job ${jobId} is ${status}: only a failed or cancelled job can be retried`,
    );
    this.status = status;
  }
}
