import { PermanentError } from '@conveyor/contracts';
import { CliErrorCode } from './cli-error-codes.ts';

/** The dead letter was replayed before (or is being replayed now): a letter is replayed once. */
export class AlreadyReplayedError extends PermanentError {
  readonly id: string;

  constructor(id: string, since: Date) {
    super(
      CliErrorCode.alreadyReplayed,
      `dead letter ${id} was not replayed: it was replayed at ${since.toISOString()} (a letter is replayed once)`,
    );
    this.id = id;
  }
}
