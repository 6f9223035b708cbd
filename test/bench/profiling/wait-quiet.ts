// Waits until the service processes have gone quiet after a burst: the orders are terminal before the
// notifier has sent their mails and the outbox has drained, and that tail belongs to the burst's cost.
import { setTimeout as sleep } from 'node:timers/promises';
import { processCpuSeconds } from '../harness/cpu-meter.ts';

/**
 * Resolves once the processes together used at most `maxShare` of one core over a `stepMs` step
 * (/proc counts in 10 ms ticks, so a step shorter than ~250 ms reads as noise), or after `limitMs`.
 */
export async function waitQuiet(
  pids: readonly number[],
  { stepMs = 250, maxShare = 0.1, limitMs = 30_000 } = {},
): Promise<void> {
  const total = async () => {
    let seconds = 0;
    for (const pid of pids) seconds += await processCpuSeconds(pid);
    return seconds;
  };
  const deadline = Date.now() + limitMs;
  let before = await total();
  while (Date.now() < deadline) {
    await sleep(stepMs);
    const now = await total();
    if ((now - before) * 1000 <= stepMs * maxShare) return;
    before = now;
  }
}
