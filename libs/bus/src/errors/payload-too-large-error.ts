import { PermanentError } from '@conveyor/contracts';
import { BusErrorCode } from './bus-error-codes.ts';

export class PayloadTooLargeError extends PermanentError {
  constructor(bytes: number, limit: number) {
    super(BusErrorCode.payloadTooLarge, `message body is ${bytes} bytes; the limit is ${limit}`);
  }
}
