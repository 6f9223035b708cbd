// Header names of the Conveyor envelope, in one place. AMQP properties carry the rest
// (messageId, correlationId, type, timestamp, appId, priority, contentType, replyTo).
export const Header = {
  attempt: 'x-conveyor-attempt',
  tenant: 'x-conveyor-tenant',
  causationId: 'x-conveyor-causation-id',
  deferrals: 'x-conveyor-deferrals',
  deadLetterReason: 'x-conveyor-dlq-reason',
  deadLetterError: 'x-conveyor-dlq-error',
  deadLetterAttempts: 'x-conveyor-dlq-attempts',
  deadLetterQueue: 'x-conveyor-dlq-queue',
  deadLetterAt: 'x-conveyor-dlq-at',
  replayedFrom: 'x-conveyor-replayed-from',
} as const;

/** Why a message ended in `<queue>.dlq`: the list is owned by @conveyor/contracts, shared with dead-letter storage. */
export { DeadLetterReason } from '@conveyor/contracts';
