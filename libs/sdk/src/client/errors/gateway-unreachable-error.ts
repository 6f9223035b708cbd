import { ConveyorError } from '@conveyor/contracts';
import { SdkErrorCode } from './sdk-error-codes.ts';

/** The request got no HTTP answer (connection refused or reset, DNS): `cause` is fetch's error. */
export class GatewayUnreachableError extends ConveyorError {
  readonly code = SdkErrorCode.gatewayUnreachable;
  readonly retryable = true;
  readonly url: string;

  constructor(url: string, cause: unknown) {
    super(`no answer from the Conveyor gateway at ${url}`, { cause });
    this.url = url;
  }
}
