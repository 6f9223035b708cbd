// An order message that fails goes round a retry tier, which can outlast the step timeout (10 min
// against 5 by default). Noting when its copy is due back tells the stuck-order sweep that the step is
// waiting, not stuck, and which attempt the copy carries (see @conveyor/orders' stuckStepPlan).
import {
  HandlerStopTimeoutError,
  tierAfterFailure,
  type InboundMessage,
  type MessageHandler,
  type RetryPolicy,
} from '@conveyor/bus';
import { isRetryable } from '@conveyor/contracts';
import { noteStepRetry } from '@conveyor/orders';
import type { WorkflowContext } from './workflow-context.ts';

interface OrderMessage {
  orderId: string;
  tenantId: string;
}

/** `handler`, noting the retry the bus is about to make of its message when it fails. */
export function noteRetries<T extends OrderMessage>(
  context: WorkflowContext,
  handler: (message: InboundMessage<T>) => Promise<void>,
): MessageHandler<T> {
  return async (message) => {
    // A handler past its deadline (or whose lease is gone) is retried by the bus at once, while the
    // handler itself may never return: the note is made when the signal fires, not when it ends.
    const onAbort = () => void noteRetry(context, message, message.signal.reason);
    message.signal.addEventListener('abort', onAbort, { once: true });
    try {
      await handler(message);
    } catch (error) {
      if (!message.signal.aborted) await noteRetry(context, message, error);
      throw error;
    } finally {
      message.signal.removeEventListener('abort', onAbort);
    }
  };
}

/** Mirrors the bus's verdict: retryable, attempts left, not handed back to the queue by a stop. */
function retriedByTheBus(policy: RetryPolicy, attempt: number, error: unknown): boolean {
  return !(error instanceof HandlerStopTimeoutError) && isRetryable(error) && attempt < policy.maxAttempts;
}

async function noteRetry(
  context: WorkflowContext,
  message: InboundMessage<OrderMessage>,
  error: unknown,
): Promise<void> {
  const { attempt, messageId } = message.envelope;
  if (!retriedByTheBus(context.retry, attempt, error)) return;
  const now = new Date();
  try {
    await noteStepRetry(context.store, {
      tenantId: message.body.tenantId,
      orderId: message.body.orderId,
      messageId,
      attempt: attempt + 1,
      dueAt: new Date(now.getTime() + tierAfterFailure(context.retry, attempt).delayMs),
      notedAt: now,
    });
  } catch (noteError) {
    // Only the sweep's patience depends on the note; the message's own failure is what the bus acts on.
    context.logger.warn(
      { err: noteError, messageId, attempt },
      'could not note the retry of an order message',
    );
  }
}
