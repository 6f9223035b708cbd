// What the leader's work needs to know about leadership, checked right before every write.
export interface LeaderView {
  readonly holderId: string;
  /** Held and still valid (monotonic clock, minus the margin) right now. */
  isLeader(): boolean;
  /** The lease's KV revision: stored with every record the leader writes. */
  fencingToken(): number | undefined;
  /** Server time (from the lease entry's timestamp), never ahead of the server. */
  serverNow(): Date | undefined;
}
