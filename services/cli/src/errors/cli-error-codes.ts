// The CLI's stable error codes and their verdicts, in one place (a missing resource is
// @conveyor/contracts' NOT_FOUND, as the gateway answers it). Exit codes follow the error class.
import { defineErrorCodes, type ErrorCodeOf } from '@conveyor/contracts';

export const CliErrorCode = defineErrorCodes({
  usage: ['CLI_USAGE', 'permanent'],
  cancelled: ['CANCELLED', 'permanent'],
  invalidMessageBody: ['INVALID_MESSAGE_BODY', 'permanent'],
  /** A replay found the message already done (or gone). */
  alreadyDone: ['ALREADY_DONE', 'permanent'],
  /** A replay found the dead letter replayed before, or being replayed by another command right now. */
  alreadyReplayed: ['ALREADY_REPLAYED', 'permanent'],
  orderNotCompleted: ['ORDER_NOT_COMPLETED', 'permanent'],
  /** `jobs watch` saw the job end failed or cancelled. */
  jobNotCompleted: ['JOB_NOT_COMPLETED', 'permanent'],
  /** A bulk publish stopped part-way; the rest may be published again. */
  publishIncomplete: ['PUBLISH_INCOMPLETE', 'retryable'],
  serverUnreachable: ['SERVER_UNREACHABLE', 'retryable'],
  /** An order's or a job's event stream ended before a finished status. */
  streamEnded: ['STREAM_ENDED', 'retryable'],
  /** The gateway answered something that is not its error body. */
  unexpectedAnswer: ['UNEXPECTED_ANSWER', 'permanent'],
});

export type CliErrorCode = ErrorCodeOf<typeof CliErrorCode>;
