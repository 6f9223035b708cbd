import { PermanentError } from '@conveyor/contracts';
import { JobsErrorCode } from '../jobs-error-codes.ts';

/** One field of a job's data that its type's schema refuses; `path` is relative to the data. */
export interface PayloadIssue {
  path: string;
  message: string;
}

export class InvalidJobPayloadError extends PermanentError {
  readonly jobType: string;
  readonly issues: readonly PayloadIssue[];

  constructor(jobType: string, issues: readonly PayloadIssue[]) {
    const named = issues.map((issue) => `${issue.path || '(data)'}: ${issue.message}`).join('; ');
    super(JobsErrorCode.invalidJobPayload, `the data of a "${jobType}" job fails its schema: ${named}`);
    this.jobType = jobType;
    this.issues = issues;
  }
}
