// Counts per consumer host, read by the metrics endpoint and by tests.
export interface ConsumerStats {
  received: number;
  acked: number;
  retried: number;
  deferred: number;
  deadLettered: number;
  duplicatesSkipped: number;
  replied: number;
  /** Requeued because a stop's budget ran out while their handler ran (neither an attempt nor a crash). */
  handedBack: number;
}

export function emptyConsumerStats(): ConsumerStats {
  return {
    received: 0,
    acked: 0,
    retried: 0,
    deferred: 0,
    deadLettered: 0,
    duplicatesSkipped: 0,
    replied: 0,
    handedBack: 0,
  };
}
