import { ConveyorError } from '@conveyor/contracts';

/**
 * The gateway refused a request: `code` is the gateway's own (UNKNOWN_JOB_TYPE, INVALID_JOB_PAYLOAD,
 * JOB_FINISHED, NOT_FOUND, RATE_LIMITED...), `status` the HTTP status and `details` what the code needs
 * (for validation codes, one entry per bad field). Retryable when a later try may succeed: 429 and 5xx.
 */
export class ConveyorApiError extends ConveyorError {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;
  readonly retryable: boolean;

  constructor(status: number, code: string, message: string, details: unknown) {
    super(`${message} (HTTP ${String(status)} ${code})`);
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryable = status === 429 || status >= 500;
  }
}
