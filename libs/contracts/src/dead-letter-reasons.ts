// Why a message ended in `<queue>.dlq`: the one list, shared by the bus (which gives the reason), the
// dead-letter storage (which records it) and the operators' tools (which filter by it).

/** Stable strings: operators filter and alert on them. */
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

/** Every known reason, in the order above (the dashboard's filter lists them so). */
export const deadLetterReasons: readonly DeadLetterReason[] = Object.values(DeadLetterReason);
