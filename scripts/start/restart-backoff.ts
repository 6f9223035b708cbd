// How long the supervisor waits before starting a crashed process again: doubling from `initialMs` up
// to `maxMs`, and back to `initialMs` once a run lasted `stableAfterMs` (a crash after a good while is
// not part of a crash loop, so it should not wait like one).

export interface RestartBackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly stableAfterMs: number;
}

export const defaultRestartBackoff: RestartBackoffOptions = {
  initialMs: 500,
  maxMs: 30_000,
  stableAfterMs: 60_000,
};

export class RestartBackoff {
  readonly #options: RestartBackoffOptions;
  #nextMs: number;

  constructor(options: RestartBackoffOptions = defaultRestartBackoff) {
    this.#options = options;
    this.#nextMs = options.initialMs;
  }

  /** The delay before the next start, given how long the run that just ended lasted. */
  delayAfter(uptimeMs: number): number {
    if (uptimeMs >= this.#options.stableAfterMs) this.#nextMs = this.#options.initialMs;
    const delayMs = this.#nextMs;
    this.#nextMs = Math.min(this.#nextMs * 2, this.#options.maxMs);
    return delayMs;
  }
}
