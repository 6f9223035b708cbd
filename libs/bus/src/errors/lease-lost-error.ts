import { RetryableError } from '@conveyor/contracts';

/** Another delivery took the inbox claim over (this holder looked dead): stop and write nothing more. */
export class LeaseLostError extends RetryableError {
  constructor(messageId: string) {
    super('INBOX_LEASE_LOST', `another delivery took over ${messageId}; this holder stopped`);
  }
}
