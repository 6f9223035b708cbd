import { ConveyorError } from '@conveyor/contracts';
import type { JobStatus } from '../job-views.ts';
import { SdkErrorCode } from './sdk-error-codes.ts';

/** result({ timeoutMs }): the job was still unfinished when the time was up; it may yet finish. */
export class JobResultTimeoutError extends ConveyorError {
  readonly code = SdkErrorCode.resultTimeout;
  readonly retryable = true;
  readonly jobId: string;
  readonly timeoutMs: number;
  /** The last status seen, or undefined when the gateway did not answer in time. */
  readonly lastStatus: JobStatus | undefined;

  constructor(jobId: string, timeoutMs: number, lastStatus: JobStatus | undefined) {
    super(
      `job ${jobId} had not finished after ${String(timeoutMs)} ms` +
        (lastStatus === undefined ? '' : ` (status ${lastStatus})`),
    );
    this.jobId = jobId;
    this.timeoutMs = timeoutMs;
    this.lastStatus = lastStatus;
  }
}
