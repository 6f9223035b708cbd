// A step failed for good (a permanent error, or its last attempt): the step is marked failed, the order
// goes to `compensating`, and order.compensation-requested.v1 starts undoing the completed steps.
import { orderCompensationRequested, type OrderStep } from '@conveyor/contracts';
import type { Store } from '@conveyor/store';
import { defaultStepTimeoutMs } from './new-order.ts';
import type { OrderDocument } from './order-document.ts';
import { orderMessageIds } from './order-message-ids.ts';
import { orderWriteEntry } from './order-outbox-entry.ts';
import { applyTransition, type TransitionOutcome } from './order-transition.ts';
import type { TransitionOptions } from './transition-options.ts';

export interface CompensationCause {
  step: OrderStep;
  /** Stable error code and text, e.g. `CARD_DECLINED: card declined`; shown to the customer's notifier. */
  reason: string;
  /**
   * True when the step's last provider call failed transiently (its attempts ran out): it may have
   * taken effect, so compensation undoes the failed step too (by its idempotency key).
   */
  outcomeUnknown?: boolean;
}

export async function requestCompensation(
  store: Store,
  order: OrderDocument,
  cause: CompensationCause,
  options: TransitionOptions = {},
): Promise<TransitionOutcome> {
  const now = options.now ?? new Date();
  const sequence = order.sequence + 1;
  const entry = orderWriteEntry(
    order,
    {
      type: orderCompensationRequested,
      body: {
        orderId: order._id,
        tenantId: order.tenantId,
        sequence,
        failedStep: cause.step,
        reason: cause.reason,
      },
      messageId: orderMessageIds.compensationRequested(order._id),
    },
    options,
    now,
  );
  const failed = order.steps[cause.step];
  return applyTransition(store, {
    before: order,
    after: {
      status: 'compensating',
      steps: {
        ...order.steps,
        [cause.step]: {
          ...failed,
          state: 'failed',
          attempts: options.attempt ?? failed.attempts,
          updatedAt: now,
          error: cause.reason,
        },
      },
      sequence,
      stepDeadline: new Date(now.getTime() + (options.stepTimeoutMs ?? defaultStepTimeoutMs)),
      failure: { step: cause.step, reason: cause.reason, outcomeUnknown: cause.outcomeUnknown ?? false },
    },
    precondition: (current) => current.steps[cause.step].state === 'pending',
    event: `${cause.step}.failed`,
    detail: cause.reason,
    entries: [entry],
    now,
    causationId: options.causationId,
    signal: options.signal,
    reemittedOnRedelivery: options.reemittedOnRedelivery,
  });
}
