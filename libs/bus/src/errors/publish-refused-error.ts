import { PermanentError } from '@conveyor/contracts';
import { BusErrorCode } from './bus-error-codes.ts';

/**
 * The broker closed the channel because of this publish: the exchange does not exist (404) or this
 * user may not write to it (403). Sending it again on a new channel would fail the same way.
 */
export class PublishRefusedError extends PermanentError {
  readonly replyCode: number;
  readonly exchange: string;

  constructor(exchange: string, replyCode: number, brokerMessage: string) {
    super(
      BusErrorCode.publishRefused,
      `the broker refused a publish to exchange '${exchange}': ${brokerMessage}`,
    );
    this.replyCode = replyCode;
    this.exchange = exchange;
  }
}
