// Where a message that cannot succeed gets its dead-letter reason: a claim whose holders kept dying
// (a body that crashes the process), a message id reused with another body, a handler failure that is
// permanent, or one retried until no attempt is left. The delivery pipeline's earlier checks (size,
// messageId, known type, valid body) name their reasons where they look, in consuming/delivery-pipeline.ts.
import {
  DeadLetterReason,
  errorCode,
  errorMessage,
  isRetryable,
  type ClaimOutcome,
} from '@conveyor/contracts';
import { attemptsLeft, type RetryPolicy } from '../retries/retry-policy.ts';

/** Why a delivery goes to `<queue>.dlq`, and the error text its headers carry. */
export interface DeadLetter {
  reason: DeadLetterReason;
  error: string;
}

/** The inbox claim refused the delivery for good. */
export function deadLetterOfClaim(
  outcome: Extract<ClaimOutcome, { kind: 'reused-id' | 'crash-loop' }>,
): DeadLetter {
  return outcome.kind === 'reused-id'
    ? { reason: DeadLetterReason.reusedId, error: 'messageId reused with another body' }
    : {
        reason: DeadLetterReason.crashLoop,
        error: `the process handling it died ${outcome.crashes} times`,
      };
}

/**
 * A handler failed on attempt `attempt` (1-based): dead-lettered when the error is permanent or no
 * attempt is left, otherwise undefined (the message goes through a retry tier).
 */
export function deadLetterOfFailure(
  error: unknown,
  attempt: number,
  retry: RetryPolicy,
): DeadLetter | undefined {
  if (!isRetryable(error)) return { reason: DeadLetterReason.permanentFailure, error: describe(error) };
  if (!attemptsLeft(retry, attempt))
    return { reason: DeadLetterReason.attemptsExhausted, error: describe(error) };
  return undefined;
}

function describe(error: unknown): string {
  return `${errorCode(error)}: ${errorMessage(error)}`;
}
