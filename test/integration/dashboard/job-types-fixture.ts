// Job types of one test file's own, run in-process by the @conveyor/worker runtime on the dashboard
// fixture's connections and database (so no other test's worker takes their jobs, and the dashboard
// process sees them), and a way to enqueue their jobs as the gateway does:
// - waits reports progress 50 once it starts, then runs until its signal fires (a cancel);
// - flaky fails for good (not retried) while `flakyFails` is set, and completes otherwise;
// - batch fans out two echo children and completes when they have;
// - echo returns its data.
import { randomBytes } from 'node:crypto';
import { jobsCollection, submitJob } from '@conveyor/jobs';
import { publishOutboxOrLeaveToRelay } from '@conveyor/outbox';
import { defineJob, JobFailedError, startJobConsumers, type JobConsumers } from '@conveyor/worker';
import { z } from 'zod';
import { uniqueName } from '../../support/index.ts';
import { deleteQueues, silentLogger } from '../bus/bus-fixture.ts';
import type { DashboardFixture } from './dashboard-fixture.ts';

export const flakyFailure = 'the supplier is down';

export interface TestJobTypes {
  readonly waits: string;
  readonly flaky: string;
  readonly batch: string;
  readonly echo: string;
  /** While true, every flaky job fails for good. */
  flakyFails: boolean;
  /** Submits a job of `type` for `tenantId` and publishes it, as POST /v1/jobs does; its id. */
  enqueue(tenantId: string, type: string, payload?: Record<string, unknown>): Promise<string>;
  stop(): Promise<void>;
}

/** A W3C trace id, so that a job page has one to show. */
export function newTraceId(): string {
  return randomBytes(16).toString('hex');
}

/** Rejects with the signal's reason when it fires: a handler that runs until cancelled. */
function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason as Error);
    else signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
  });
}

export async function startTestJobTypes(fixture: DashboardFixture): Promise<TestJobTypes> {
  const prefix = uniqueName('dash');
  const echo = defineJob({
    type: `${prefix}.echo`,
    schema: z.record(z.string(), z.unknown()),
    handler: (data) => ({ echo: data }),
  });
  const waits = defineJob({
    type: `${prefix}.waits`,
    schema: z.object({}),
    attempts: 1,
    async handler(_data, context) {
      await context.progress(50);
      return untilAborted(context.signal);
    },
  });
  let flakyFails = true;
  const flaky = defineJob({
    type: `${prefix}.flaky`,
    schema: z.object({}),
    attempts: 1,
    handler: () => {
      if (flakyFails) throw new JobFailedError(flakyFailure, { retryable: false });
      return { delivered: true };
    },
  });
  const batch = defineJob({
    type: `${prefix}.batch`,
    schema: z.object({}),
    handler: (_data, context) =>
      context.fanOut([
        { type: echo.type, data: { n: 1 } },
        { type: echo.type, data: { n: 2 } },
      ]),
  });
  const consumers: JobConsumers = await startJobConsumers({
    bus: fixture.bus,
    store: fixture.store,
    events: fixture.events,
    logger: silentLogger,
    jobs: [echo, waits, flaky, batch],
    registeredBy: 'dashboard-test',
  });
  return {
    waits: waits.type,
    flaky: flaky.type,
    batch: batch.type,
    echo: echo.type,
    get flakyFails() {
      return flakyFails;
    },
    set flakyFails(fails: boolean) {
      flakyFails = fails;
    },
    async enqueue(tenantId, type, payload = {}) {
      const { job, pending } = await submitJob(fixture.store, {
        tenantId,
        type,
        payload,
        priority: 5,
        runAt: null,
        idempotencyKey: null,
        requestHash: '',
        traceId: newTraceId(),
        now: new Date(),
      });
      await publishOutboxOrLeaveToRelay(
        fixture.store,
        (message) => fixture.bus.publish(message),
        silentLogger,
        { collection: jobsCollection, docId: job._id, entries: job.outbox ?? [], pending },
      );
      return job._id;
    },
    async stop() {
      await consumers.stop();
      await deleteQueues(...consumers.hosts.map((host) => host.queue));
    },
  };
}
