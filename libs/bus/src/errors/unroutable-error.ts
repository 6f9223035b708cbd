import { PermanentError } from '@conveyor/contracts';

/** The broker returned a mandatory publish: no queue is bound for it. Publishing again won't help. */
export class UnroutableError extends PermanentError {
  constructor(exchange: string, routingKey: string, replyText: string) {
    super('BUS_UNROUTABLE', `no queue is bound for ${exchange || '(default)'}/${routingKey}: ${replyText}`);
  }
}
