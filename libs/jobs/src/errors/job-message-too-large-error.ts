import { PermanentError } from '@conveyor/contracts';
import { JobsErrorCode } from '../jobs-error-codes.ts';

/**
 * A job whose message, once its payload is wrapped in job.requested.v1, is over the bus's body limit.
 * Refused before anything is stored: accepted, it could never be published nor run.
 */
export class JobMessageTooLargeError extends PermanentError {
  readonly messageBytes: number;
  readonly limitBytes: number;

  constructor(messageBytes: number, limitBytes: number) {
    super(
      JobsErrorCode.messageTooLarge,
      `the job's message would be ${messageBytes} bytes once its payload is wrapped; the limit is ${limitBytes}`,
    );
    this.messageBytes = messageBytes;
    this.limitBytes = limitBytes;
  }
}
