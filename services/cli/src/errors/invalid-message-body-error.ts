import { PermanentError } from '@conveyor/contracts';
import { CliErrorCode } from './cli-error-codes.ts';

export interface BodyIssue {
  /** Dotted path of the field, e.g. `items.0.qty`; empty for the body as a whole. */
  field: string;
  message: string;
}

/** A message body that fails its type's schema in @conveyor/contracts; the message names every field. */
export class InvalidMessageBodyError extends PermanentError {
  readonly type: string;
  readonly issues: readonly BodyIssue[];

  constructor(type: string, issues: readonly BodyIssue[]) {
    const listed = issues.map((issue) => `${issue.field === '' ? '(body)' : issue.field}: ${issue.message}`);
    super(CliErrorCode.invalidMessageBody, `invalid ${type} body: ${listed.join('; ')}`);
    this.type = type;
    this.issues = issues;
  }
}
