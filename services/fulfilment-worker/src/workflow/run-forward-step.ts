// One forward step of the order workflow (pipes and filters): call the step's provider with the
// step's idempotency key, then record its result and the next step's message in one write, then
// publish. A step that fails for good, or fails on the queue's last attempt, starts compensation.
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
import { emitOutcome, reemit } from './emit-outcome.ts';
import { loadOrder } from './load-order.ts';
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

export async function runForwardStep(
  context: WorkflowContext,
  forward: ForwardStep,
  message: InboundMessage<OrderMessageBody>,
): Promise<void> {
  const { step } = forward;
  const { tenantId, orderId } = message.body;
  const order = await loadOrder(context, tenantId, orderId);
  const state = order.steps[step].state;
  if (state === 'done') {
    await reemit(context, order, orderMessageIds.stepDone(orderId, step), message.signal);
    return;
  }
  if (state !== 'pending' || (order.status !== 'accepted' && order.status !== 'in_progress')) {
    // The order left the forward path (its compensation owns it now): hand that on instead.
    await reemit(context, order, orderMessageIds.compensationRequested(orderId), message.signal);
    return;
  }

  const options: TransitionOptions = {
    attempt: message.envelope.attempt,
    causationId: message.envelope.messageId,
    stepTimeoutMs: context.stepTimeoutMs,
    exchange: context.exchange,
    signal: message.signal,
    reemittedOnRedelivery: true,
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
    return;
  }
  const outcome = await recordStepDone(context.store, order, result, options);
  await emitOutcome(
    context,
    outcome,
    { tenantId, orderId, messageId: orderMessageIds.stepDone(orderId, step) },
    message.signal,
    { step },
  );
}
