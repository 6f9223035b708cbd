// A forward step succeeded: its result and its message, in one write, on the condition that the step is
// still pending in an order that is going forward. The last step's write also completes the order
// (status, order.completed.v1): nothing is left to do between the two, so they are one write.
import type { Store } from '@conveyor/store';
import { completedEntry } from './complete-order.ts';
import { defaultStepTimeoutMs } from './new-order.ts';
import type { OrderDocument } from './order-document.ts';
import { orderMessageIds } from './order-message-ids.ts';
import { orderOutboxEntry } from './order-outbox-entry.ts';
import { applyTransition, type TransitionOutcome } from './order-transition.ts';
import { stepDoneMessage, stepOrder, stepRef, type StepResult } from './step-result.ts';
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
      // The next step runs in the same delivery (the forward path): this announces the step to whoever
      // listens (the notifier, users' own queues), and a stack where nobody does is not in error.
      mandatory: false,
    },
    now,
  );
  const ref = stepRef(result);
  const steps = {
    ...order.steps,
    [result.step]: { state: 'done', ref, attempts: options.attempt ?? 1, updatedAt: now, error: null },
  } as const;
  const precondition = (current: OrderDocument) => current.steps[result.step].state === 'pending';
  const write = {
    before: order,
    precondition,
    detail: ref,
    now,
    causationId: options.causationId,
    signal: options.signal,
    reemittedOnRedelivery: options.reemittedOnRedelivery,
  };
  if (result.step === stepOrder.at(-1)) {
    const completion = completedEntry(order, sequence + 1, options, now);
    return applyTransition(store, {
      ...write,
      after: {
        status: 'completed',
        steps,
        sequence: sequence + 1,
        stepDeadline: null,
        failure: order.failure ?? null,
      },
      // One history entry per write (it is the write's revision): the step's ref stays in its detail.
      event: 'completed',
      entries: [entry, completion],
    });
  }
  return applyTransition(store, {
    ...write,
    after: {
      status: 'in_progress',
      steps,
      sequence,
      stepDeadline: new Date(now.getTime() + (options.stepTimeoutMs ?? defaultStepTimeoutMs)),
      failure: order.failure ?? null,
    },
    event: `${result.step}.done`,
    entries: [entry],
  });
}
