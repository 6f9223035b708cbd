// The ordered-jobs test's checker: from each handling's start and end (written by the handler), whether a
// key's jobs ran one at a time in publish order, and how many jobs ran at once. Its self-test plants
// each kind of violation and sees it reported.

export interface Handling {
  key: string;
  seq: number;
  pid: number;
  start: Date;
  end: Date | null;
}

/**
 * Handlings that ended, per key in start order: each starts after the previous ended and its seq does
 * not go back. The same seq twice is a job run again (at-least-once: its worker was killed after the
 * handler ended, before the delivery was acked), which keeps the order.
 */
export function orderViolations(all: readonly Handling[]): string[] {
  const violations: string[] = [];
  const byKey = Map.groupBy(
    all.filter((handling) => handling.end !== null),
    (handling) => handling.key,
  );
  for (const [key, handled] of byKey) {
    handled.sort((a, b) => a.start.getTime() - b.start.getTime());
    for (const [index, handling] of handled.entries()) {
      const previous = handled[index - 1];
      if (previous === undefined) continue;
      if (handling.seq < previous.seq)
        violations.push(`${key}: seq ${String(handling.seq)} after ${String(previous.seq)}`);
      if (previous.end !== null && handling.start < previous.end)
        violations.push(
          `${key}: seq ${String(handling.seq)} started before seq ${String(previous.seq)} ended`,
        );
    }
  }
  return violations;
}

export function maxConcurrent(all: readonly Handling[]): number {
  const edges = all
    .filter((handling) => handling.end !== null)
    .flatMap((handling) => [
      { at: handling.start.getTime(), delta: 1 },
      { at: handling.end?.getTime() ?? 0, delta: -1 },
    ])
    .sort((a, b) => a.at - b.at || a.delta - b.delta);
  let running = 0;
  let most = 0;
  for (const edge of edges) {
    running += edge.delta;
    most = Math.max(most, running);
  }
  return most;
}
