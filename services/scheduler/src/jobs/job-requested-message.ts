// The job.requested.v1 message the scheduler publishes, as an outbox message: fixed message id,
// routed by type on the events exchange, the tenant in the envelope.
import { Exchange, Header } from '@conveyor/bus';
import { jobRequested, type BodyOf } from '@conveyor/contracts';
import type { OutboxMessage } from '@conveyor/store';

export function jobRequestedMessage(input: {
  messageId: string;
  body: BodyOf<typeof jobRequested>;
  priority: number;
}): OutboxMessage {
  const body = jobRequested.schema.parse(input.body);
  return {
    messageId: input.messageId,
    exchange: Exchange.events,
    routingKey: jobRequested.name,
    type: jobRequested.name,
    body,
    priority: input.priority,
    headers: { [Header.tenant]: body.tenantId },
  };
}
