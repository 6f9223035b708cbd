import { RetryableError } from '@conveyor/contracts';
import { CliErrorCode } from './cli-error-codes.ts';

/** A bulk publish stopped at its first failure; `published` of `total` were confirmed before it. */
export class PublishIncompleteError extends RetryableError {
  readonly published: number;
  readonly total: number;

  constructor(published: number, total: number, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(CliErrorCode.publishIncomplete, `published ${published} of ${total}, then: ${reason}`, { cause });
    this.published = published;
    this.total = total;
  }
}
