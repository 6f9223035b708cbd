import { PermanentError } from '@conveyor/contracts';
import type { GatewayRequestError } from './gateway-request-error.ts';

/**
 * The gateway refused to cancel or retry a job in the state it is in (409): a finished job is not
 * cancelled, only a failed or cancelled job is retried. The gateway's code and details are kept.
 */
export class JobRefusedError extends PermanentError {
  readonly jobId: string;
  readonly status: number;
  readonly details: unknown;

  constructor(action: 'cancel' | 'retry', jobId: string, refusal: GatewayRequestError) {
    const why = action === 'cancel' ? 'it has already finished' : 'only a failed or cancelled job is retried';
    super(
      refusal.code,
      `job ${jobId} was not ${action === 'cancel' ? 'cancelled' : 'retried'}: ${why} (${refusal.message})`,
      { cause: refusal },
    );
    this.jobId = jobId;
    this.status = refusal.status;
    this.details = refusal.details;
  }
}
