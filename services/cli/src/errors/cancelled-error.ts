import { PermanentError } from '@conveyor/contracts';
import { CliErrorCode } from './cli-error-codes.ts';

/** The person at the terminal answered no to a confirmation: nothing was changed (exit code 1). */
export class CancelledError extends PermanentError {
  constructor(what: string) {
    super(CliErrorCode.cancelled, `${what} cancelled: nothing changed`);
  }
}
