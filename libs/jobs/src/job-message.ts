// The job.requested.v1 message of a job, as an outbox message, and its message id. Every publisher of
// a job (the gateway accepting it, the scheduler's leader accepting a one-off job when due, a relay)
// uses jobRequestedMessageId, so downstream inboxes de-duplicate whichever copies go out.
import { Exchange, Header } from '@conveyor/bus';
import { jobRequested, type BodyOf } from '@conveyor/contracts';
import type { OutboxMessage } from '@conveyor/outbox';

export function jobRequestedMessageId(jobId: string): string {
  return `${jobId}:requested`;
}

export interface JobRequestedInput {
  /** A job's is jobRequestedMessageId(jobId); a schedule run's is its run id. */
  messageId: string;
  body: BodyOf<typeof jobRequested>;
  priority: number;
  correlationId?: string;
}

/** Validated against the contract before it is stored: an entry that could never be published is not written. */
export function jobRequestedMessage(input: JobRequestedInput): OutboxMessage {
  const body = jobRequested.schema.parse(input.body);
  return {
    messageId: input.messageId,
    exchange: Exchange.events,
    routingKey: jobRequested.name,
    type: jobRequested.name,
    body,
    headers: { [Header.tenant]: body.tenantId },
    priority: input.priority,
    ...(input.correlationId === undefined ? {} : { correlationId: input.correlationId }),
  };
}
