// conveyor.sleep: waits `payload.ms`, then returns. A job of known length with no side effects, so an
// operator (or a test) can see how long jobs, overlap `skip` and deadlines behave. It stops when the
// handler is aborted (deadline, shutdown), like any well-behaved job.
import { setTimeout as sleep } from 'node:timers/promises';
import { PermanentError } from '@conveyor/contracts';
import { z } from 'zod';
import { JobWorkerErrorCode } from '../job-worker-error-codes.ts';
import type { JobContext } from './job-runner.ts';

/** Ten minutes: the job worker's default handler deadline. */
export const maxSleepMs = 600_000;

const sleepPayload = z.object({ ms: z.number().int().min(0).max(maxSleepMs) });

/** Needs only the payload and the signal (a JobRunner: it takes any JobContext). */
export async function sleepJob({
  payload,
  signal,
}: Pick<JobContext, 'payload' | 'signal'>): Promise<Record<string, unknown>> {
  const parsed = sleepPayload.safeParse(payload);
  if (!parsed.success)
    throw new PermanentError(
      JobWorkerErrorCode.invalidPayload,
      `conveyor.sleep needs payload.ms, an integer from 0 to ${String(maxSleepMs)}: ${parsed.error.issues
        .map((issue) => `${issue.path.join('.') || 'payload'}: ${issue.message}`)
        .join('; ')}`,
    );
  const startedAt = new Date();
  await sleep(parsed.data.ms, undefined, { signal }).catch((error: unknown) => {
    // The abort's own reason (a deadline, a stop), not timers' generic AbortError.
    signal.throwIfAborted();
    throw error;
  });
  return { sleptMs: parsed.data.ms, startedAt: startedAt.toISOString(), endedAt: new Date().toISOString() };
}
