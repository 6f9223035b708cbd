import { RetryableError } from '@conveyor/contracts';
import { BusErrorCode } from './bus-error-codes.ts';

/** Another delivery took the inbox claim over (this holder looked dead): stop and write nothing more. */
export class LeaseLostError extends RetryableError {
  constructor(messageId: string) {
    super(BusErrorCode.inboxLeaseLost, `another delivery took over ${messageId}; this holder stopped`);
  }
}
