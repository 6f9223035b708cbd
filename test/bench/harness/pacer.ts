// Sends at a fixed rate: every few milliseconds it sends what the schedule says is due by now, so a
// late timer is caught up instead of lowering the rate.
import { setTimeout as sleep } from 'node:timers/promises';

export interface PaceOptions {
  /** Sends per second. */
  rate: number;
  total: number;
  /** How often the schedule is checked; smaller is smoother. */
  stepMs?: number;
}

/** Calls `send(index)` `total` times at `rate` per second; resolves after the last call. */
export async function pace(options: PaceOptions, send: (index: number) => void): Promise<void> {
  const { rate, total, stepMs = 2 } = options;
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
    while (sent < due) {
      send(sent);
      sent += 1;
    }
    if (sent < total) await sleep(stepMs);
  }
}
