// Job types of one test's own, run in-process by the @conveyor/worker runtime on the gateway fixture's
// connections (so the gateway accepts them, and no other test's worker takes their jobs):
// - echo returns its data;
// - gated reports progress and finishes only when the test lets it, so a test sees it running, then
//   its progress, then its end, without guessing at timing; it stops when its signal fires (a cancel);
// - flaky fails its first run for good (not retried) and completes every later one (a retry).
import { defineJob, JobFailedError, startJobConsumers, type JobConsumers } from '@conveyor/worker';
import { z } from 'zod';
import { uniqueName } from '../../support/index.ts';
import { deleteQueues } from '../bus/bus-fixture.ts';
import { silentLogger, type GatewayFixture } from '../gateway/gateway-fixture.ts';

export const flakyFailure = 'the first run of a flaky job fails';

export interface TestJobTypes {
  readonly echo: string;
  readonly gated: string;
  readonly flaky: string;
  /** Resolves when the gated job's handler has started. */
  started(jobId: string): Promise<void>;
  /** Lets the gated job report progress 50. */
  allowProgress(jobId: string): void;
  /** Lets the gated job complete (after its progress). */
  allowFinish(jobId: string): void;
  /** Resolves with the reason when the gated job's signal fired. */
  aborted(jobId: string): Promise<unknown>;
  stop(): Promise<void>;
}

interface Latch<T> {
  readonly promise: Promise<T>;
  open(value: T): void;
}

function latch<T>(): Latch<T> {
  let open: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

/** Waits for `promise`, or rejects with the signal's reason when it fires first. */
function unlessAborted(promise: Promise<unknown>, signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export async function startTestJobTypes(gateway: GatewayFixture): Promise<TestJobTypes> {
  const latches = new Map<string, Latch<unknown>>();
  const latchOf = (jobId: string, step: 'started' | 'progress' | 'finish' | 'aborted') => {
    const key = `${jobId}:${step}`;
    let found = latches.get(key);
    if (found === undefined) {
      found = latch<unknown>();
      latches.set(key, found);
    }
    return found;
  };
  const flakyRuns = new Map<string, number>();

  const echo = defineJob({
    type: uniqueName('cli.echo'),
    schema: z.object({ n: z.number() }),
    handler: (data) => ({ echo: data }),
  });
  const gated = defineJob({
    type: uniqueName('cli.gated'),
    schema: z.object({}),
    async handler(_data, context) {
      const { jobId, signal } = context;
      signal.addEventListener('abort', () => latchOf(jobId, 'aborted').open(signal.reason), { once: true });
      latchOf(jobId, 'started').open(undefined);
      await unlessAborted(latchOf(jobId, 'progress').promise, signal);
      await context.progress(50);
      await unlessAborted(latchOf(jobId, 'finish').promise, signal);
      return { finished: true };
    },
  });
  const flaky = defineJob({
    type: uniqueName('cli.flaky'),
    schema: z.object({}),
    handler(_data, context) {
      const run = (flakyRuns.get(context.jobId) ?? 0) + 1;
      flakyRuns.set(context.jobId, run);
      if (run === 1) throw new JobFailedError(flakyFailure, { retryable: false });
      return { run };
    },
  });

  const definitions = [echo, gated, flaky];
  let consumers: JobConsumers | undefined;
  try {
    consumers = await startJobConsumers({
      bus: gateway.bus,
      store: gateway.store,
      events: gateway.events,
      logger: silentLogger,
      jobs: definitions,
      registeredBy: 'cli-test',
    });
  } catch (error) {
    await deleteQueues(...definitions.map((definition) => definition.queue));
    throw error;
  }
  const running = consumers;
  return {
    echo: echo.type,
    gated: gated.type,
    flaky: flaky.type,
    started: async (jobId) => {
      await latchOf(jobId, 'started').promise;
    },
    allowProgress: (jobId) => latchOf(jobId, 'progress').open(undefined),
    allowFinish: (jobId) => latchOf(jobId, 'finish').open(undefined),
    aborted: (jobId) => latchOf(jobId, 'aborted').promise,
    async stop() {
      // Gated jobs still waiting end now, so that stopping does not wait for them.
      for (const [key, waiting] of latches) if (!key.endsWith(':aborted')) waiting.open(undefined);
      await running.stop();
      await deleteQueues(...definitions.map((definition) => definition.queue));
    },
  };
}
