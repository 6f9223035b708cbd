// order.compensation-requested.v1 → undo the completed steps in reverse order (cancel shipment, refund,
// release stock), checkpointing each, then announce order.compensated.v1. The order ends `compensated`,
// or `failed` when nothing had been done (see finishCompensation). A failed step whose last call failed
// transiently may still have taken effect, so it is undone too.
import type { InboundMessage } from '@conveyor/bus';
import {
  RetryableError,
  type BodyOf,
  type OrderStep,
  type orderCompensationRequested,
} from '@conveyor/contracts';
import {
  finishCompensation,
  orderMessageIds,
  recordStepUndone,
  stepOrder,
  type OrderDocument,
} from '@conveyor/orders';
import { emitOutcome, reemit } from '../workflow/emit-outcome.ts';
import { loadOrder } from '../workflow/load-order.ts';
import { undoStep } from '../workflow/undo-step.ts';
import type { WorkflowContext } from '../workflow/workflow-context.ts';
import { FulfilmentErrorCode } from '../fulfilment-error-codes.ts';
import { deliveryWriteOptions } from '../workflow/delivery-write-options.ts';

export function compensateOrder(context: WorkflowContext) {
  return async (message: InboundMessage<BodyOf<typeof orderCompensationRequested>>): Promise<void> => {
    const { tenantId, orderId } = message.body;
    let order = await loadOrder(context, message);
    if (order.status !== 'compensating') {
      await reemit(context, order, orderMessageIds.compensated(orderId), message.signal);
      return;
    }
    for (const step of [...stepOrder].reverse()) {
      const state = order.steps[step].state;
      if (state === 'failed' && order.failure?.outcomeUnknown === true) {
        await undoStep(context, order, step, message.signal);
      }
      if (state !== 'done') continue;
      const undone = await undoStep(context, order, step, message.signal);
      order = await checkpointUndo(context, order, step, undone, message.signal);
    }
    const outcome = await finishCompensation(context.store, order, deliveryWriteOptions(context, message));
    await emitOutcome(
      context,
      outcome,
      { tenantId, orderId, messageId: orderMessageIds.compensated(orderId) },
      message.signal,
      { detail: order.failure?.reason },
    );
  };
}

async function checkpointUndo(
  context: WorkflowContext,
  order: OrderDocument,
  step: OrderStep,
  undone: boolean,
  signal: AbortSignal,
): Promise<OrderDocument> {
  const outcome = await recordStepUndone(context.store, order, step, { signal, reemittedOnRedelivery: true });
  if (outcome.applied) {
    context.progress.announce(outcome.order, { step, detail: undone ? 'undone' : 'nothing to undo' });
    return outcome.order;
  }
  const current = outcome.order;
  if (current?.steps[step].state !== 'compensated') {
    throw new RetryableError(
      FulfilmentErrorCode.orderChanged,
      `order ${order._id} changed while undoing ${step}; retrying`,
    );
  }
  return current;
}
