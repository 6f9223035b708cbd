import { PermanentError } from '@conveyor/contracts';
import { CliErrorCode } from './cli-error-codes.ts';

/** The command line is wrong (unknown command or option, missing or malformed argument): exit code 2. */
export class UsageError extends PermanentError {
  /** The command whose `--help` explains the right usage, e.g. `dlq replay`; undefined for the top level. */
  readonly command: string | undefined;

  constructor(message: string, command?: string) {
    super(CliErrorCode.usage, message);
    this.command = command;
  }
}
