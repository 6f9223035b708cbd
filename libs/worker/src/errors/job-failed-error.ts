import { ConveyorError } from '@conveyor/contracts';
import { WorkerErrorCode } from './worker-error-codes.ts';

/**
 * What a handler throws to say how its failure should be treated: `retryable: false` ends the job
 * `failed` (and dead-letters its message) at once; otherwise it is retried up to the type's attempts.
 * Any other error a handler throws is retried.
 */
export class JobFailedError extends ConveyorError {
  readonly code: string;
  readonly retryable: boolean;

  constructor(message: string, options: { retryable?: boolean; code?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryable = options.retryable ?? true;
    this.code = options.code ?? WorkerErrorCode.handlerFailed;
  }
}
