// Compensation checkpoint: one completed step was undone (stock released, payment refunded), so a
// redelivered compensation does not undo it again. No message: the last undo is followed by
// finishCompensation, which announces the outcome.
import type { OrderStep } from '@conveyor/contracts';
import type { Store } from '@conveyor/store';
import type { OrderDocument } from './order-document.ts';
import { applyTransition, type TransitionOutcome } from './order-transition.ts';

export async function recordStepUndone(
  store: Store,
  order: OrderDocument,
  step: OrderStep,
  options: { now?: Date } = {},
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
    expect: { [`steps.${step}.state`]: 'done' },
    event: `${step}.compensated`,
    entries: [],
    now,
  });
}
