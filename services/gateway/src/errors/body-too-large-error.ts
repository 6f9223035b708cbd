import { PermanentError } from '@conveyor/contracts';

/** The request body is over the gateway's limit (BODY_LIMIT_BYTES); the message names the limit. */
export class BodyTooLargeError extends PermanentError {
  readonly limitBytes: number;

  constructor(limitBytes: number) {
    super('BODY_TOO_LARGE', `request body is larger than the limit of ${limitBytes} bytes`);
    this.limitBytes = limitBytes;
  }
}
