// Compensation is over: every completed step has been undone. The order ends `compensated` when there
// was something to undo, `failed` when the first step failed and nothing had been done; either way
// order.compensated.v1 tells the customer (through the notifier) what failed and why.
import { orderCompensated, orderSteps } from '@conveyor/contracts';
import type { Store } from '@conveyor/store';
import type { OrderDocument } from './order-document.ts';
import { orderMessageIds } from './order-message-ids.ts';
import { orderWriteEntry } from './order-outbox-entry.ts';
import { applyTransition, type TransitionOutcome } from './order-transition.ts';
import type { TransitionOptions } from './transition-options.ts';

export async function finishCompensation(
  store: Store,
  order: OrderDocument,
  options: TransitionOptions = {},
): Promise<TransitionOutcome> {
  const failure = order.failure;
  if (failure === null || failure === undefined) {
    throw new TypeError(`order ${order._id} has no recorded failure to finish compensating`);
  }
  const stillDone = orderSteps.filter((step) => order.steps[step].state === 'done');
  if (stillDone.length > 0) {
    throw new TypeError(`order ${order._id} still has completed steps to undo: ${stillDone.join(', ')}`);
  }
  const now = options.now ?? new Date();
  const sequence = order.sequence + 1;
  const undone = orderSteps.some((step) => order.steps[step].state === 'compensated');
  const entry = orderWriteEntry(
    order,
    {
      type: orderCompensated,
      body: {
        orderId: order._id,
        tenantId: order.tenantId,
        sequence,
        failedStep: failure.step,
        reason: failure.reason,
      },
      messageId: orderMessageIds.compensated(order._id),
    },
    options,
    now,
  );
  return applyTransition(store, {
    before: order,
    after: {
      status: undone ? 'compensated' : 'failed',
      steps: order.steps,
      sequence,
      stepDeadline: null,
      failure,
    },
    precondition: () => true,
    event: undone ? 'compensated' : 'failed',
    detail: failure.reason,
    entries: [entry],
    now,
    causationId: options.causationId,
    signal: options.signal,
    reemittedOnRedelivery: options.reemittedOnRedelivery,
  });
}
