import { PermanentError } from '@conveyor/contracts';
import { JobsErrorCode } from '../jobs-error-codes.ts';

/** A `cursor` that no page of jobs returned. */
export class InvalidJobCursorError extends PermanentError {
  constructor(cursor: string, cause?: unknown) {
    super(JobsErrorCode.invalidCursor, `cursor "${cursor.slice(0, 64)}" is not one a page of jobs returned`, {
      cause,
    });
  }
}
