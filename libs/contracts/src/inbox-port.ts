// The port between the consumer host (@conveyor/bus) and an inbox (@conveyor/store implements it on
// MongoDB). It lives here, below both, so neither lib depends on the other.

export interface InboxClaimRequest {
  queue: string;
  messageId: string;
  /** sha256 of the raw body, hex: a different hash under a done/held id means the id was reused. */
  payloadHash: string;
  /** How long the claim stays valid without renewal. */
  leaseMs: number;
  /**
   * Deaths of a holder running the message alone (see `isolate`) allowed before it counts as a crash
   * loop. A death beside other messages only makes it a suspect: it cannot tell which one killed it.
   */
  crashLimit: number;
  /**
   * Unique per delivery, the same on every try of its claim: a claim recorded with this token is the
   * caller's own (its insert landed but the answer was lost), not another holder's.
   */
  claimToken?: string;
}

export interface InboxClaim {
  queue: string;
  messageId: string;
  payloadHash: string;
  /** Fencing token: increases with every claim of this message; writes may be conditioned on it. */
  epoch: number;
  /** How many earlier holders died while running it alone (lease or liveness ran out, never released). */
  crashes: number;
  /**
   * The previous holder died holding it: it may be what killed the process, so it runs alone, and the
   * holder calls `isolate` before its handler starts.
   */
  suspect: boolean;
}

export type ClaimOutcome =
  | { kind: 'acquired'; claim: InboxClaim }
  /** Already processed with the same payload: ack and skip. */
  | { kind: 'done' }
  /** The id is recorded with another payload: dead-letter. */
  | { kind: 'reused-id' }
  /**
   * Another delivery holds a live lease: defer this copy without counting an attempt. When the
   * holder's process liveness was read, `holderAliveUntil` is when it runs out unless renewed.
   */
  | { kind: 'held'; leaseExpiresAt: Date; holderAliveUntil?: Date }
  /** Holders died running it alone more than `crashLimit` times: dead-letter as a crash loop. */
  | { kind: 'crash-loop'; crashes: number };

/** What one done mark of a batch came to. */
export type DoneMarkOutcome =
  | { kind: 'recorded' }
  /** The message is recorded as done with another payload: its id was reused. */
  | { kind: 'reused-id' };

export interface InboxPort {
  claim(request: InboxClaimRequest): Promise<ClaimOutcome>;
  /** Extends the lease; false when the claim was taken over (the holder must stop writing). */
  renew(claim: InboxClaim, leaseMs: number): Promise<boolean>;
  markDone(claim: InboxClaim): Promise<void>;
  /** Gives the claim up after a retryable failure, so the next delivery claims without a crash. */
  release(claim: InboxClaim): Promise<void>;
  /**
   * Records that the holder now runs this claim with nothing beside it in its process: should the
   * holder die from here on, the next claim counts the death as this message's crash. Idempotent.
   */
  isolate(claim: InboxClaim): Promise<void>;
  // markDone and release may be called again after a failure (the caller retries until one lands):
  // both must be idempotent.
  /**
   * Optional batch form of `claim`, used for deliveries that arrive together: outcomes in request order,
   * each exactly what `claim` would have answered. Rejects when the batch could not be decided.
   */
  claimMany?(requests: readonly InboxClaimRequest[]): Promise<ClaimOutcome[]>;
  /**
   * Optional batch form of `markDone`: outcomes in order. Rejects when the write failed; then no mark of
   * the batch may be taken as recorded (the caller must not ack any of their deliveries).
   */
  markDoneMany?(claims: readonly InboxClaim[]): Promise<DoneMarkOutcome[]>;
}
