import { PermanentError } from '@conveyor/contracts';
import { JobsErrorCode } from '../jobs-error-codes.ts';

/** No worker has registered the type: accepted, the job would only ever dead-letter. */
export class UnknownJobTypeError extends PermanentError {
  readonly jobType: string;

  constructor(jobType: string) {
    super(JobsErrorCode.unknownJobType, `no worker runs job type "${jobType}" (none has registered it)`);
    this.jobType = jobType;
  }
}
