import { PermanentError } from '@conveyor/contracts';
import { DashboardErrorCode } from './dashboard-error-codes.ts';

/** A query or form field with a value the page cannot use: a 400 page naming the field. */
export class BadRequestError extends PermanentError {
  readonly field: string;

  constructor(field: string, problem: string) {
    super(DashboardErrorCode.badRequest, `${field}: ${problem}`);
    this.field = field;
  }
}
