// Failures carry intent in their type: the consumer host decides ack / retry / dead-letter from
// `retryable`, never from message text. `code` is stable and safe to show to operators and callers.
import { ContractsErrorCode } from './error-codes.ts';

export abstract class ConveyorError extends Error {
  abstract readonly code: string;
  abstract readonly retryable: boolean;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }

  /** The shape errors take when they cross the wire (RPC replies, HTTP bodies, DLQ headers). */
  toWire(): WireError {
    return { code: this.code, message: this.message, retryable: this.retryable };
  }
}

export interface WireError {
  code: string;
  message: string;
  retryable: boolean;
}

/** A failure that may succeed later: the message goes through a delay tier and is tried again. */
export class RetryableError extends ConveyorError {
  readonly retryable = true;
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** A failure that will not change on retry: the message is dead-lettered at once. */
export class PermanentError extends ConveyorError {
  readonly retryable = false;
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** Unknown throwables are retried: a bug that always throws still ends in the DLQ by attempt limit. */
export function isRetryable(error: unknown): boolean {
  return error instanceof ConveyorError ? error.retryable : true;
}

export function errorCode(error: unknown): string {
  return error instanceof ConveyorError ? error.code : ContractsErrorCode.unexpected;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
