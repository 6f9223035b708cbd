import { PermanentError } from '@conveyor/contracts';
import { BusErrorCode } from './bus-error-codes.ts';

/** The broker returned a mandatory publish: no queue is bound for it. Publishing again won't help. */
export class UnroutableError extends PermanentError {
  constructor(exchange: string, routingKey: string, replyText: string) {
    super(
      BusErrorCode.unroutable,
      `no queue is bound for ${exchange || '(default)'}/${routingKey}: ${replyText}`,
    );
  }
}
