import { PermanentError } from '@conveyor/contracts';
import { JobsErrorCode } from '../jobs-error-codes.ts';

export class JobFinishedError extends PermanentError {
  readonly status: string;

  constructor(jobId: string, status: string) {
    super(JobsErrorCode.jobFinished, `job ${jobId} is already ${status}: there is nothing to cancel`);
    this.status = status;
  }
}
