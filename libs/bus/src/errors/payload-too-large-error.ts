import { PermanentError } from '@conveyor/contracts';

export class PayloadTooLargeError extends PermanentError {
  constructor(bytes: number, limit: number) {
    super('BUS_PAYLOAD_TOO_LARGE', `message body is ${bytes} bytes; the limit is ${limit}`);
  }
}
