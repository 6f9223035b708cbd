// A forward step succeeded: its result and the next step's trigger message, in one write, on the
// condition that the step is still pending in an order that is going forward.
import type { Store } from '@conveyor/store';
import { defaultStepTimeoutMs } from './new-order.ts';
import type { OrderDocument } from './order-document.ts';
import { orderMessageIds } from './order-message-ids.ts';
import { orderOutboxEntry } from './order-outbox-entry.ts';
import { applyTransition, type TransitionOutcome } from './order-transition.ts';
import { stepDoneMessage, stepRef, type StepResult } from './step-result.ts';
import type { TransitionOptions } from './transition-options.ts';

export async function recordStepDone(
  store: Store,
  order: OrderDocument,
  result: StepResult,
  options: TransitionOptions = {},
): Promise<TransitionOutcome> {
  const now = options.now ?? new Date();
  const sequence = order.sequence + 1;
  const message = stepDoneMessage(result, { orderId: order._id, tenantId: order.tenantId, sequence });
  const entry = orderOutboxEntry(
    {
      ...message,
      messageId: orderMessageIds.stepDone(order._id, result.step),
      tenantId: order.tenantId,
      orderId: order._id,
      express: order.express,
      causationId: options.causationId,
      exchange: options.exchange,
    },
    now,
  );
  const ref = stepRef(result);
  return applyTransition(store, {
    before: order,
    after: {
      status: 'in_progress',
      steps: {
        ...order.steps,
        [result.step]: { state: 'done', ref, attempts: options.attempt ?? 1, updatedAt: now, error: null },
      },
      sequence,
      stepDeadline: new Date(now.getTime() + (options.stepTimeoutMs ?? defaultStepTimeoutMs)),
      failure: order.failure ?? null,
    },
    precondition: (current) => current.steps[result.step].state === 'pending',
    event: `${result.step}.done`,
    detail: ref,
    entries: [entry],
    now,
    causationId: options.causationId,
    signal: options.signal,
    reemittedOnRedelivery: options.reemittedOnRedelivery,
  });
}
