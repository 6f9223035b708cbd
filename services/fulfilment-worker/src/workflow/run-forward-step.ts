// One forward step of the order workflow (run-forward-path.ts runs them in turn): call the step's
// provider with the step's idempotency key, then record its result and its message in one write, then
// publish. A step that fails for good, or fails on the delivery's last attempt, starts compensation.
// Every write carries the handler's signal: a handler past its deadline or lease writes nothing more,
// and of two handlers racing for the step only the one whose step record lands writes.
import { errorCode, errorMessage, isRetryable, type OrderStep } from '@conveyor/contracts';
import type { InboundMessage } from '@conveyor/bus';
import {
  orderMessageIds,
  recordStepDone,
  requestCompensation,
  type OrderDocument,
  type StepResult,
  type TransitionOptions,
} from '@conveyor/orders';
import { bringDocumentForward } from './bring-document-forward.ts';
import { deliveryWriteOptions } from './delivery-write-options.ts';
import { emitOutcome, reemit } from './emit-outcome.ts';
import type { WorkflowContext } from './workflow-context.ts';

export interface OrderMessageBody {
  orderId: string;
  tenantId: string;
  sequence: number;
}

export interface ForwardStep {
  step: OrderStep;
  /** Calls the provider with `stepIdempotencyKey(order._id, step)`; honours the signal. */
  perform(context: WorkflowContext, order: OrderDocument, signal: AbortSignal): Promise<StepResult>;
}

/**
 * Runs `forward` on `order` (as read or as the previous step wrote it): the order after the step, or
 * undefined when the forward path ends here (the order left it, or this step started compensation).
 */
export async function runForwardStep(
  context: WorkflowContext,
  forward: ForwardStep,
  order: OrderDocument,
  message: InboundMessage<OrderMessageBody>,
): Promise<OrderDocument | undefined> {
  const { step } = forward;
  const { tenantId, orderId } = message.body;
  const state = order.steps[step].state;
  if (state === 'done') {
    await reemit(context, order, orderMessageIds.stepDone(orderId, step), message.signal);
    return order;
  }
  if (state !== 'pending' || (order.status !== 'accepted' && order.status !== 'in_progress')) {
    // The order left the forward path (its compensation owns it now): hand that on instead.
    await reemit(context, order, orderMessageIds.compensationRequested(orderId), message.signal);
    return undefined;
  }

  const options: TransitionOptions = {
    ...deliveryWriteOptions(context, message),
    attempt: message.envelope.attempt,
    stepTimeoutMs: context.stepTimeoutMs,
  };
  let result: StepResult;
  try {
    result = await forward.perform(context, order, message.signal);
  } catch (error) {
    const lastAttempt = message.envelope.attempt >= context.maxAttempts;
    // A lost deadline or lease means another delivery owns the message now: write nothing.
    if (message.signal.aborted || (isRetryable(error) && !lastAttempt)) throw error;
    const reason = `${errorCode(error)}: ${errorMessage(error)}`;
    context.logger.warn({ orderId, step, reason, attempt: message.envelope.attempt }, 'step failed for good');
    const outcome = await requestCompensation(
      context.store,
      order,
      { step, reason, outcomeUnknown: isRetryable(error) },
      options,
    );
    await emitOutcome(
      context,
      outcome,
      { tenantId, orderId, messageId: orderMessageIds.compensationRequested(orderId) },
      message.signal,
      { step, detail: reason },
    );
    return undefined;
  }
  // The next step, or the delivery's failure path, brings the order document forward.
  const outcome = await recordStepDone(context.store, order, result, { ...options, nextWriteFollows: true });
  try {
    return await emitOutcome(
      context,
      outcome,
      { tenantId, orderId, messageId: orderMessageIds.stepDone(orderId, step) },
      message.signal,
      { step },
    );
  } catch (error) {
    if (outcome.applied) await bringDocumentForward(context, outcome.order);
    throw error;
  }
}
