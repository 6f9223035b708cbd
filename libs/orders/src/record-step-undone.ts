// Compensation checkpoint: one completed step was undone (stock released, payment refunded), so a
// redelivered compensation does not undo it again. No message: the last undo is followed by
// finishCompensation, which announces the outcome.
import type { OrderStep } from '@conveyor/contracts';
import type { Store } from '@conveyor/store';
import type { OrderDocument } from './order-document.ts';
import { applyTransition, type TransitionOutcome } from './order-transition.ts';
import type { TransitionOptions } from './transition-options.ts';

export async function recordStepUndone(
  store: Store,
  order: OrderDocument,
  step: OrderStep,
  options: Pick<TransitionOptions, 'now' | 'causationId' | 'signal' | 'reemittedOnRedelivery'> = {},
): Promise<TransitionOutcome> {
  const now = options.now ?? new Date();
  return applyTransition(store, {
    before: order,
    after: {
      status: order.status,
      steps: { ...order.steps, [step]: { ...order.steps[step], state: 'compensated', updatedAt: now } },
      sequence: order.sequence,
      stepDeadline: order.stepDeadline,
      failure: order.failure ?? null,
    },
    precondition: (current) => current.steps[step].state === 'done',
    event: `${step}.compensated`,
    entries: [],
    now,
    causationId: options.causationId,
    signal: options.signal,
    reemittedOnRedelivery: options.reemittedOnRedelivery,
  });
}
