import { RetryableError } from '@conveyor/contracts';
import { BusErrorCode } from './bus-error-codes.ts';

/**
 * The consumer host was stopped and its stop budget ran out while the handler still ran: the handler's
 * signal is aborted with this, its inbox claim released and the delivery requeued (neither a retry
 * attempt nor a crash).
 */
export class HandlerStopTimeoutError extends RetryableError {
  constructor(stopTimeoutMs: number) {
    super(
      BusErrorCode.handlerStopTimeout,
      `the consumer is stopping and the handler did not finish within the stop budget of ${stopTimeoutMs} ms`,
    );
  }
}
