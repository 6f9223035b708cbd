// The worker runtime's stable error codes and their verdicts.
import { defineErrorCodes, type ErrorCodeOf } from '@conveyor/contracts';

export const WorkerErrorCode = defineErrorCodes({
  /** A defineJob option that cannot work (a bad type name, two definitions of one type...). */
  invalidJobDefinition: ['INVALID_JOB_DEFINITION', 'permanent'],
  /** A job whose type this worker does not run arrived on its queue: dead-lettered at once. */
  notRunHere: ['JOB_TYPE_NOT_RUN_HERE', 'permanent'],
  /** A handler's own failure, as it asked: retryable or not. */
  handlerFailed: ['JOB_HANDLER_FAILED', 'retryable'],
  /** A CPU-bound handler's thread died (out of memory, process.exit in the handler). */
  threadDied: ['JOB_THREAD_DIED', 'retryable'],
});

export type WorkerErrorCode = ErrorCodeOf<typeof WorkerErrorCode>;
