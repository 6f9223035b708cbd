// Deadlines of one fixed length (a publish's confirm timeout, a handler's deadline) watched by one
// interval timer instead of a timer each: at thousands of messages a second, a setTimeout and
// clearTimeout per message cost more than the rest of the bookkeeping, and so does reading the
// clock (a system call on some virtual machines). Time is counted in the timer's ticks: an entry
// expires once more than `ticksPerTimeout` ticks have passed since it started, which is never
// early and at most one tick (a twentieth of the length, at most 1 s) late. Deadlines all have the
// same length, so the oldest entry expires first and a sweep stops at the first one still running.
export interface DeadlineEntry {
  readonly startTick: number;
  readonly onExpired: () => void;
}

export class DeadlineSweep {
  readonly #intervalMs: number;
  readonly #ticksPerTimeout: number;
  /** Running deadlines, oldest first. */
  readonly #entries = new Set<DeadlineEntry>();
  #ticks = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(timeoutMs: number) {
    this.#intervalMs = Math.min(1_000, Math.max(5, Math.floor(timeoutMs / 20)));
    this.#ticksPerTimeout = Math.ceil(timeoutMs / this.#intervalMs);
  }

  /** `onExpired` runs once, unless `cancel` comes first. */
  start(onExpired: () => void): DeadlineEntry {
    const entry = { startTick: this.#ticks, onExpired };
    this.#entries.add(entry);
    this.#timer ??= setInterval(() => {
      this.#ticks += 1;
      this.#sweep();
    }, this.#intervalMs);
    return entry;
  }

  cancel(entry: DeadlineEntry): void {
    this.#entries.delete(entry);
    if (this.#entries.size > 0 || this.#timer === undefined) return;
    // No timer while nothing runs: an idle process holds no interval.
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #sweep(): void {
    for (const entry of this.#entries) {
      // Started during tick k, so more than `ticksPerTimeout` whole intervals have passed at k + n + 1.
      if (this.#ticks - entry.startTick <= this.#ticksPerTimeout) return;
      this.cancel(entry);
      entry.onExpired();
    }
  }
}
