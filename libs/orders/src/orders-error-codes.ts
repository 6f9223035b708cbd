// The orders library's stable error codes and their verdicts, in one place (an idempotency key's
// contention is @conveyor/contracts' IDEMPOTENCY_KEY_CONTENDED, shared with jobs).
import { defineErrorCodes, type ErrorCodeOf } from '@conveyor/contracts';

export const OrdersErrorCode = defineErrorCodes({
  /** The order id is already taken by another tenant's order. */
  orderIdConflict: ['ORDER_ID_CONFLICT', 'permanent'],
  /**
   * A message names an order its tenant does not have (yet). The order's write may not be visible to
   * this reader (read-after-write lag on a replica set); the retry tiers give it time, and the attempt
   * limit dead-letters a message whose order never appears.
   */
  orderNotFound: ['ORDER_NOT_FOUND', 'retryable'],
  /**
   * Two writers raced for the same write of an order (a handler that overran its deadline and the retry
   * of its message): the other one's step record was inserted first, so this writer stopped.
   */
  orderStepTaken: ['ORDER_STEP_TAKEN', 'retryable'],
});

export type OrdersErrorCode = ErrorCodeOf<typeof OrdersErrorCode>;
