// The job.requested.v1 message of a job, as an outbox message, and its message id. Every publisher of
// a job (the gateway accepting it, the scheduler's leader accepting a one-off job when due, a relay, a
// retry) uses jobRequestedMessageId, so downstream inboxes de-duplicate whichever copies go out of one
// run, while a retry (a new run) gets a new id and runs again.
import { Exchange, Header } from '@conveyor/bus';
import { jobRequested, jobRequestedRoutingKey, type BodyOf } from '@conveyor/contracts';
import type { OutboxMessage } from '@conveyor/outbox';

export function jobRequestedMessageId(jobId: string, run = 1): string {
  return run === 1 ? `${jobId}:requested` : `${jobId}:requested:${String(run)}`;
}

export interface JobRequestedInput {
  /** A job's is jobRequestedMessageId(jobId, run); a schedule run's is its run id. */
  messageId: string;
  body: BodyOf<typeof jobRequested>;
  priority: number;
  /** The partition of an ordered type's job (see orderingPartition); none for other types. */
  partition?: number | null;
  correlationId?: string;
}

/** Validated against the contract before it is stored: an entry that could never be published is not written. */
export function jobRequestedMessage(input: JobRequestedInput): OutboxMessage {
  const body = jobRequested.schema.parse(input.body);
  return {
    messageId: input.messageId,
    exchange: Exchange.events,
    routingKey: jobRequestedRoutingKey(body.jobType, input.partition ?? undefined),
    type: jobRequested.name,
    body,
    headers: { [Header.tenant]: body.tenantId },
    priority: input.priority,
    ...(input.correlationId === undefined ? {} : { correlationId: input.correlationId }),
  };
}

/** What a job document must hold for its run's message. */
export interface JobRunFields {
  _id: string;
  tenantId: string;
  type: string;
  payload: Record<string, unknown>;
  priority: number;
  run: number;
  partition: number | null;
  orderingKey: string | null;
  parentJobId: string | null;
}

/** The job.requested.v1 of a job's current run: the same whoever publishes it. */
export function jobRunMessage(job: JobRunFields): OutboxMessage {
  return jobRequestedMessage({
    messageId: jobRequestedMessageId(job._id, job.run),
    body: {
      jobId: job._id,
      tenantId: job.tenantId,
      jobType: job.type,
      payload: job.payload,
      ...(job.orderingKey === null ? {} : { orderingKey: job.orderingKey }),
      ...(job.parentJobId === null ? {} : { parentJobId: job.parentJobId }),
    },
    priority: job.priority,
    partition: job.partition,
    correlationId: job._id,
  });
}
