// conveyor.sleep: waits `ms`, reporting progress, then returns. A job of known length with no side
// effects, so an operator (or a test) can see how long jobs, overlap `skip`, deadlines and cancels
// behave. It stops when its signal fires (cancel, deadline, shutdown), like any well-behaved job.
import { setTimeout as sleep } from 'node:timers/promises';
import { defineJob, type JobDefinition } from '@conveyor/worker';
import { z } from 'zod';
import type { BuiltInQueue } from './built-in-queue.ts';

/** Ten minutes: the job worker's default handler deadline. */
export const maxSleepMs = 600_000;

export const sleepData = z.object({ ms: z.number().int().min(0).max(maxSleepMs) });

/** Progress is reported this often during a sleep. */
const progressEveryMs = 250;

export async function sleepFor(
  ms: number,
  signal: AbortSignal,
  progress: (percent: number) => Promise<void> = () => Promise.resolve(),
): Promise<Record<string, unknown>> {
  const startedAt = new Date();
  let slept = 0;
  try {
    while (slept < ms) {
      const step = Math.min(progressEveryMs, ms - slept);
      await sleep(step, undefined, { signal });
      slept += step;
      await progress(Math.round((slept / ms) * 100));
    }
  } catch (error) {
    // The abort's own reason (a cancel, a deadline, a stop), not timers' generic AbortError.
    signal.throwIfAborted();
    throw error;
  }
  return { sleptMs: ms, startedAt: startedAt.toISOString(), endedAt: new Date().toISOString() };
}

export function sleepJob(on: BuiltInQueue): JobDefinition {
  return defineJob({
    type: 'conveyor.sleep',
    ...on,
    schema: sleepData,
    handler: ({ ms }, { signal, progress }) => sleepFor(ms, signal, progress),
  });
}
