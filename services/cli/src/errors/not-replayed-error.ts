import { PermanentError } from '@conveyor/contracts';
import { CliErrorCode } from './cli-error-codes.ts';

/** The inbox records the dead letter's effect as done: replaying it would run it again (`--force` does). */
export class NotReplayedError extends PermanentError {
  readonly id: string;

  constructor(id: string) {
    super(
      CliErrorCode.alreadyDone,
      `dead letter ${id} was not replayed: the inbox records its message as done (--force replays it anyway)`,
    );
    this.id = id;
  }
}
