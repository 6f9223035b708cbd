// When this process may judge other holders dead from their liveness records. After a gap in its own
// renewals (the database was unreachable for it too, most likely for everyone), other holders need time
// to renew theirs: until this process has renewed without a gap for a whole ttl, only leases decide.

export class HolderSteadiness {
  readonly #heartbeatMs: number;
  readonly #ttlMs: number;
  #lastRenewedAt: number | undefined;
  /** Since when renewals came without a gap; 0 when none ever failed (nothing suggests an outage). */
  #steadySince = 0;

  constructor(heartbeatMs: number, ttlMs: number) {
    this.#heartbeatMs = heartbeatMs;
    this.#ttlMs = ttlMs;
  }

  renewed(at: number): void {
    if (this.#lastRenewedAt !== undefined && at - this.#lastRenewedAt > this.#heartbeatMs * 2) {
      this.#steadySince = at;
    }
    this.#lastRenewedAt = at;
  }

  /** A renewal failed: the database may be unreachable for every holder. */
  failed(at: number): void {
    this.#steadySince = Math.max(this.#steadySince, at);
  }

  /** True when a holder whose record ran out can be taken as dead rather than as cut off like us. */
  mayJudgeOthers(now: number): boolean {
    const last = this.#lastRenewedAt;
    if (last === undefined || now - last > this.#heartbeatMs * 2) return false;
    return now - this.#steadySince >= this.#ttlMs;
  }
}
