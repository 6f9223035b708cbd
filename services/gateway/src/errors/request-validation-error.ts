import { PermanentError } from '@conveyor/contracts';
import { GatewayErrorCode } from './gateway-error-codes.ts';

/** Where a bad value was found, and which field: `items.0.qty` in the body, `x-tenant-id` in the headers. */
export interface FieldIssue {
  location: 'body' | 'querystring' | 'params' | 'headers';
  field: string;
  code: string;
  message: string;
}

/** A request that does not match its schema; the first issue names the field in the message. */
export class RequestValidationError extends PermanentError {
  readonly issues: readonly FieldIssue[];

  constructor(issues: readonly FieldIssue[]) {
    const first = issues[0];
    super(
      GatewayErrorCode.validationFailed,
      first === undefined ? 'invalid request' : `${fieldLabel(first)}: ${first.message}`,
    );
    this.issues = issues;
  }
}

function fieldLabel(issue: FieldIssue): string {
  return issue.field === '' ? issue.location : `${issue.location}.${issue.field}`;
}
