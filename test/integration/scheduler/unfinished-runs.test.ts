// A schedule whose previous run is `running`, dead-lettered or abandoned keeps firing by its overlap
// policy: reading a `running` run no longer fails the tick, overlap `skip` waits for a running run
// (also under a new leader), and a run that will never finish is ended with its reason.
import { DeadLetterReason, Exchange } from '@conveyor/bus';
import { jobRequested, RetryableError } from '@conveyor/contracts';
import { createMetrics } from '@conveyor/metrics';
import { recordRunOutcome, runIdOf, scheduleRunsCollection, type ScheduleRun } from '@conveyor/schedules';
import { createInbox } from '@conveyor/store';
import { afterEach, describe, expect, it } from 'vitest';
import { uniqueName, waitFor } from '../../support/index.ts';
import { deleteQueues, fastTiers } from '../bus/bus-fixture.ts';
import { SchedulerFixture } from './scheduler-fixture.ts';

const everySecond = '* * * * * *';

describe('scheduler: runs that are running or never finish', () => {
  let fixture = new SchedulerFixture();
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await fixture.cleanUp();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    fixture = new SchedulerFixture();
  });

  /** A run an earlier leader fired a second ago, which the job worker marked `running`. */
  async function runningRunOf(scheduleId: string): Promise<ScheduleRun> {
    const fireTime = new Date(Math.floor(Date.now() / 1_000) * 1_000 - 1_000);
    const run: ScheduleRun = {
      _id: runIdOf(scheduleId, fireTime),
      tenantId: fixture.tenant,
      scheduleId,
      fireTime,
      fencingToken: 1,
      holderId: 'an-earlier-leader',
      status: 'running',
      catchUp: false,
      firedAt: new Date(),
    };
    const store = await fixture.store();
    await store.db.collection<ScheduleRun>(scheduleRunsCollection).insertOne(run);
    return run;
  }

  async function runsAfter(scheduleId: string, run: ScheduleRun): Promise<ScheduleRun[]> {
    return (await fixture.runs(scheduleId)).filter(
      (later) => later.fireTime.getTime() > run.fireTime.getTime(),
    );
  }

  it('keeps firing a schedule whose latest run is running (overlap allow), also for a new leader', async () => {
    const scheduleId = await fixture.insertSchedule({ cron: everySecond, overlap: 'allow' });
    const running = await runningRunOf(scheduleId);
    await fixture.start();

    const fired = await waitFor(
      async () => {
        const later = (await runsAfter(scheduleId, running)).filter((run) => run.status === 'fired');
        return later.length >= 2 ? later : undefined;
      },
      { what: 'two fire times after the running run' },
    );
    expect(fired.some((run) => run.catchUp)).toBe(false);
  });

  it('skips while the previous run is running (overlap skip), also for a new leader, and fires once it completed', async () => {
    const scheduleId = await fixture.insertSchedule({ cron: everySecond, overlap: 'skip' });
    const running = await runningRunOf(scheduleId);
    await fixture.start();

    const skipped = await waitFor(
      async () => {
        const later = await runsAfter(scheduleId, running);
        return later.filter((run) => run.status === 'skipped').length >= 2 ? later : undefined;
      },
      { what: 'two skipped fire times' },
    );
    expect(skipped.filter((run) => run.status !== 'skipped')).toEqual([]);
    expect(skipped.every((run) => run.reason === 'overlap')).toBe(true);

    // The job worker records the run's outcome.
    await recordRunOutcome(
      await fixture.store(),
      { runId: running._id, tenantId: fixture.tenant },
      { status: 'completed', result: {}, error: null },
    );
    await waitFor(async () => (await runsAfter(scheduleId, running)).find((run) => run.status === 'fired'), {
      what: 'a fired run after the completed one',
    });
  });

  it('ends a run left running past RUN_TIMEOUT_MS as failed (run-timeout), and fires again', async () => {
    const scheduleId = await fixture.insertSchedule({ cron: everySecond, overlap: 'skip' });
    const running = await runningRunOf(scheduleId);
    await fixture.start({ RUN_TIMEOUT_MS: '2500' });

    const ended = await waitFor(
      async () =>
        (await fixture.runs(scheduleId)).find((run) => run._id === running._id && run.status === 'failed'),
      { what: 'the abandoned run ended' },
    );
    expect(ended.reason).toBe('run-timeout');
    expect(ended.error).toContain('RUN_TIMEOUT_MS');
    await waitFor(async () => (await runsAfter(scheduleId, running)).find((run) => run.status === 'fired'), {
      what: 'a fired run after the abandoned one',
    });
  });

  it('ends the run of a dead-lettered job as failed, with the reason, and the schedule fires again', async () => {
    const store = await fixture.store();
    const bus = await fixture.bus();
    // A job worker that marks the run running, then fails on its last attempt without recording it
    // (as a crash loop or a handler past its deadline would): the message is dead-lettered.
    const queue = uniqueName('sched.jobs');
    const worker = bus
      .consumer({
        queue: { name: queue, bindings: [{ exchange: Exchange.events, pattern: `${jobRequested.name}.#` }] },
        inbox: createInbox(store),
        retry: { maxAttempts: 1, tiers: fastTiers },
      })
      .on(jobRequested, async (message) => {
        const { tenantId, scheduleRunId } = message.body;
        if (tenantId !== fixture.tenant || scheduleRunId === undefined) return;
        await recordRunOutcome(store, { runId: scheduleRunId, tenantId }, { status: 'running' });
        throw new RetryableError('TEST_JOB_FAILED', 'the job failed on its last attempt');
      });
    await worker.start();
    cleanups.push(async () => {
      await worker.stop();
      await deleteQueues(queue);
    });
    const scheduleId = await fixture.insertSchedule({ cron: everySecond, overlap: 'skip' });
    await fixture.start(
      { DEAD_LETTER_QUEUES: queue },
      { deadLetters: { connection: bus.connection, metrics: createMetrics({ processMetrics: false }) } },
    );

    const first = await waitFor(
      async () => (await fixture.runs(scheduleId)).find((run) => run.status === 'failed'),
      { what: 'the first run ended by its dead letter', timeoutMs: 20_000 },
    );
    expect(first.reason).toBe('dead-lettered');
    expect(first.error).toContain(`dead-lettered (${DeadLetterReason.attemptsExhausted})`);
    expect(first.error).toContain('the job failed on its last attempt');
    await waitFor(async () => (await runsAfter(scheduleId, first)).find((run) => run.status !== 'skipped'), {
      what: 'a run fired after the dead-lettered one',
    });
  });
});
