// A forward step succeeded: its result and its message, in one write, on the condition that the step is
// still pending in an order that is going forward. The last step's write also completes the order
// (status, order.completed.v1): nothing is left to do between the two, so they are one write. A step
// whose delivery goes on to the next one may leave the order document to that step's write.
import type { Store } from '@conveyor/store';
import { completedEntry } from './complete-order.ts';
import { defaultStepTimeoutMs } from './new-order.ts';
import type { OrderDocument } from './order-document.ts';
import { orderMessageIds } from './order-message-ids.ts';
import { orderWriteEntry } from './order-outbox-entry.ts';
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
  // The next step runs in the same delivery (the forward path): the step's message announces it to
  // whoever listens (the notifier, users' own queues), and a stack where nobody does is not in error.
  const entry = orderWriteEntry(
    order,
    { ...message, messageId: orderMessageIds.stepDone(order._id, result.step), mandatory: false },
    options,
    now,
  );
  const ref = stepRef(result);
  const completes = result.step === stepOrder.at(-1);
  return applyTransition(store, {
    before: order,
    after: {
      status: completes ? 'completed' : 'in_progress',
      steps: {
        ...order.steps,
        [result.step]: { state: 'done', ref, attempts: options.attempt ?? 1, updatedAt: now, error: null },
      },
      sequence: completes ? sequence + 1 : sequence,
      stepDeadline: completes
        ? null
        : new Date(now.getTime() + (options.stepTimeoutMs ?? defaultStepTimeoutMs)),
      failure: order.failure ?? null,
    },
    precondition: (current) => current.steps[result.step].state === 'pending',
    // One history entry per write (it is the write's revision): the last step's ref stays in its detail.
    event: completes ? 'completed' : `${result.step}.done`,
    detail: ref,
    entries: completes ? [entry, completedEntry(order, sequence + 1, options, now)] : [entry],
    now,
    causationId: options.causationId,
    signal: options.signal,
    reemittedOnRedelivery: options.reemittedOnRedelivery,
    deferDocument: !completes && options.nextWriteFollows === true,
  });
}
