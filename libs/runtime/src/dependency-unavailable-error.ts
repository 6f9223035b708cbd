import { errorMessage, RetryableError } from '@conveyor/contracts';
import { maskUrlCredentials } from '@conveyor/telemetry';
import { RuntimeErrorCode } from './runtime-error-codes.ts';

/** A server the service cannot start without did not answer at start-up; the process exits 69. */
export class DependencyUnavailableError extends RetryableError {
  /** Which one: `broker` or `database`. */
  readonly dependency: string;

  constructor(dependency: string, url: string, cause: unknown) {
    super(
      RuntimeErrorCode.dependencyUnavailable,
      `start-up failed: the ${dependency} at ${maskUrlCredentials(url)} is unavailable: ${errorMessage(cause)}`,
      { cause },
    );
    this.dependency = dependency;
  }
}
