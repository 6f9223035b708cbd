import { PermanentError } from '@conveyor/contracts';

/** A query or form field with a value the page cannot use: a 400 page naming the field. */
export class BadRequestError extends PermanentError {
  readonly field: string;

  constructor(field: string, problem: string) {
    super('BAD_REQUEST', `${field}: ${problem}`);
    this.field = field;
  }
}
