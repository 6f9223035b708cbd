import { PermanentError } from '@conveyor/contracts';
import { GatewayErrorCode } from './gateway-error-codes.ts';

/** The request body is over the gateway's limit (BODY_LIMIT_BYTES); the message names the limit. */
export class BodyTooLargeError extends PermanentError {
  readonly limitBytes: number;

  constructor(limitBytes: number) {
    super(GatewayErrorCode.bodyTooLarge, `request body is larger than the limit of ${limitBytes} bytes`);
    this.limitBytes = limitBytes;
  }
}
