// The pause before the n-th attempt to consume again after a consumer was lost: exponential from
// 100 ms, capped at 5 s, jittered ±20 % so that many hosts losing one queue do not retry in step.
const minDelayMs = 100;
const maxDelayMs = 5_000;

export function recoveryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(maxDelayMs, minDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + random() * 0.4));
}
