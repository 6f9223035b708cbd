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

/** Why a message ended in `<queue>.dlq`. Stable strings: operators filter and alert on them. */
export const DeadLetterReason = {
  invalidBody: 'invalid-body',
  unknownType: 'unknown-type',
  missingMessageId: 'missing-message-id',
  tooLarge: 'too-large',
  attemptsExhausted: 'attempts-exhausted',
  crashLoop: 'crash-loop',
  permanentFailure: 'permanent-failure',
  reusedId: 'reused-id',
  /** Dead-lettered by the broker itself (delivery limit, expiry, reject) rather than by the host. */
  rejected: 'rejected',
  /** Published to `conveyor.events` with a routing key no queue binds: caught by its alternate exchange. */
  unroutable: 'unroutable',
} as const;

export type DeadLetterReason = (typeof DeadLetterReason)[keyof typeof DeadLetterReason];
