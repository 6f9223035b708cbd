import { PermanentError } from '@conveyor/contracts';

/** The person at the terminal answered no to a confirmation: nothing was changed (exit code 1). */
export class CancelledError extends PermanentError {
  constructor(what: string) {
    super('CANCELLED', `${what} cancelled: nothing changed`);
  }
}
