// What every order write a workflow delivery makes carries: the message as its cause, the context's
// exchange for its messages, the handler's signal (an aborted handler writes nothing), and no pending
// outbox record (the unacked delivery publishes what it writes; its redelivery re-emits it).
import type { InboundMessage } from '@conveyor/bus';
import type { TransitionOptions } from '@conveyor/orders';
import type { WorkflowContext } from './workflow-context.ts';

export function deliveryWriteOptions(
  context: Pick<WorkflowContext, 'exchange'>,
  message: InboundMessage<unknown>,
): TransitionOptions {
  return {
    causationId: message.envelope.messageId,
    exchange: context.exchange,
    signal: message.signal,
    reemittedOnRedelivery: true,
  };
}
