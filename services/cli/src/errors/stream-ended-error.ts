import { RetryableError } from '@conveyor/contracts';
import { CliErrorCode } from './cli-error-codes.ts';

/** The gateway closed an order's or a job's event stream before it reached a finished status. */
export class StreamEndedError extends RetryableError {
  constructor(kind: 'order' | 'job', id: string) {
    super(CliErrorCode.streamEnded, `the event stream of ${kind} ${id} ended before the ${kind} finished`);
  }
}
