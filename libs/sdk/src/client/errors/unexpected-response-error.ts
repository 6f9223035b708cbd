import { ConveyorError } from '@conveyor/contracts';
import { SdkErrorCode } from './sdk-error-codes.ts';

/** The gateway's answer is not what this client reads: another API version, or not the gateway at all. */
export class UnexpectedResponseError extends ConveyorError {
  readonly code = SdkErrorCode.unexpectedResponse;
  readonly status: number;
  /** A proxy's 502/503/504 page or a 429 is worth another try; a 200 in another shape is not. */
  readonly retryable: boolean;

  constructor(what: string, status: number, problem: string) {
    super(`unexpected answer to ${what} (HTTP ${String(status)}): ${problem}`);
    this.status = status;
    this.retryable = status === 429 || status >= 500;
  }
}
