import { ConveyorError } from '@conveyor/contracts';
import type { Job } from '../job-views.ts';
import { SdkErrorCode } from './sdk-error-codes.ts';

/**
 * result(): the job ended `failed` or `cancelled`, so there is no result. `job` is the job as it ended:
 * its `error`, its `attempts` (each attempt's error) and its `traceId` say why.
 */
export class JobNotCompletedError extends ConveyorError {
  readonly code: SdkErrorCode;
  /** Retrying the job (handle.retry()) is the caller's decision: the same call will not succeed. */
  readonly retryable = false;
  readonly job: Job;

  constructor(job: Job & { status: 'failed' | 'cancelled' }) {
    super(
      job.status === 'failed'
        ? `job ${job.id} (${job.type}) failed: ${job.error ?? 'no error recorded'}`
        : `job ${job.id} (${job.type}) was cancelled`,
    );
    this.code = job.status === 'failed' ? SdkErrorCode.jobEndedFailed : SdkErrorCode.jobEndedCancelled;
    this.job = job;
  }
}
