import { PermanentError } from '@conveyor/contracts';
import { CliErrorCode } from './cli-error-codes.ts';

/** `jobs watch` saw the job end other than completed (failed or cancelled): exit code 1. */
export class JobNotCompletedError extends PermanentError {
  readonly jobId: string;
  readonly status: string;

  constructor(jobId: string, status: string, error: string | null) {
    super(CliErrorCode.jobNotCompleted, `job ${jobId} ended ${status}${error === null ? '' : `: ${error}`}`);
    this.jobId = jobId;
    this.status = status;
  }
}
