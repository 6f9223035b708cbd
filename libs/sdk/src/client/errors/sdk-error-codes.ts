// The client's own stable error codes and their verdicts. A refusal by the gateway keeps the gateway's
// code (ConveyorApiError), so these name only what happens on the caller's side of the wire.
import { defineErrorCodes, type ErrorCodeOf } from '@conveyor/contracts';

export const SdkErrorCode = defineErrorCodes({
  /** result(): the job ended `failed`, so it has no result. */
  jobEndedFailed: ['JOB_ENDED_FAILED', 'permanent'],
  /** result(): the job ended `cancelled`, so it has no result. */
  jobEndedCancelled: ['JOB_ENDED_CANCELLED', 'permanent'],
  /** result({ timeoutMs }): the job had not finished when the time was up; it may still finish. */
  resultTimeout: ['JOB_RESULT_TIMEOUT', 'retryable'],
  /** No HTTP answer at all (refused connection, DNS, reset): the gateway may be back later. */
  gatewayUnreachable: ['GATEWAY_UNREACHABLE', 'retryable'],
  /** The gateway answered something this client cannot read: a different version or not a gateway. */
  unexpectedResponse: ['GATEWAY_UNEXPECTED_RESPONSE', 'permanent'],
});

export type SdkErrorCode = ErrorCodeOf<typeof SdkErrorCode>;
