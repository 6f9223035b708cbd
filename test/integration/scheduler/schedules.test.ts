import type { Scheduler } from '@conveyor/scheduler';
import { runIdOf, scheduleRunsCollection, setSchedulePaused } from '@conveyor/schedules';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/index.ts';
import {
  SchedulerFixture,
  secondsApart,
  type ReceivedMessage,
  type StringIdDocument,
} from './scheduler-fixture.ts';

const everySecond = '* * * * * *';

describe('scheduler: cron schedules', () => {
  let fixture = new SchedulerFixture();
  afterEach(async () => {
    await fixture.cleanUp();
    fixture = new SchedulerFixture();
  });

  /** After the schedulers stopped: every fired run's message has arrived (and nothing more). */
  async function settled(scheduleId: string, received: ReceivedMessage[]) {
    const runs = await waitFor(
      async () => {
        const fired = await fixture.firedRuns(scheduleId);
        return received.length >= fired.length ? fired : undefined;
      },
      { what: 'a message for every fired run' },
    );
    return { runs, messageIds: received.map((message) => message.messageId) };
  }

  it('fires a per-second schedule once per fire time, as job.requested.v1 keyed by the run id', async () => {
    const received = await fixture.collect();
    const scheduleId = await fixture.insertSchedule({ cron: everySecond, priority: 7 });
    const { scheduler } = await fixture.start();

    await waitFor(() => received.length >= 4, { what: 'four fire times' });
    await scheduler.stop();
    const { runs, messageIds } = await settled(scheduleId, received);

    expect(messageIds).toHaveLength(runs.length);
    expect(new Set(messageIds).size).toBe(messageIds.length);
    expect(messageIds.sort()).toEqual(runs.map((run) => runIdOf(scheduleId, run.fireTime)).sort());
    expect(secondsApart(runs).every((gap) => gap === 1_000)).toBe(true);
    for (const run of runs) {
      expect(run).toMatchObject({ status: 'fired', holderId: scheduler.holderId, catchUp: false });
      expect(run.fencingToken).toBeGreaterThan(0);
      expect(run.fireTime.getMilliseconds()).toBe(0);
    }
    const first = received[0];
    expect(first).toMatchObject({ type: 'job.requested.v1', tenant: fixture.tenant, priority: 7 });
    expect(first?.body).toEqual({
      jobId: first?.messageId,
      tenantId: fixture.tenant,
      jobType: 'scheduler-test.tick',
      payload: { scheduleId },
      scheduleRunId: first?.messageId,
    });
  });

  it('runs one leader among two schedulers on one lease, still one run per fire time', async () => {
    const received = await fixture.collect();
    const scheduleId = await fixture.insertSchedule({ cron: everySecond });
    const schedulers: Scheduler[] = [(await fixture.start()).scheduler, (await fixture.start()).scheduler];
    let mostLeadersAtOnce = 0;

    await waitFor(
      () => {
        mostLeadersAtOnce = Math.max(
          mostLeadersAtOnce,
          schedulers.filter((scheduler) => scheduler.isLeader()).length,
        );
        return received.length >= 4;
      },
      { what: 'four fire times', intervalMs: 20 },
    );
    await Promise.all(schedulers.map((scheduler) => scheduler.stop()));
    const { runs, messageIds } = await settled(scheduleId, received);

    expect(mostLeadersAtOnce).toBe(1);
    expect(new Set(messageIds).size).toBe(messageIds.length);
    expect(messageIds).toHaveLength(runs.length);
    expect(secondsApart(runs).every((gap) => gap === 1_000)).toBe(true);
  });

  it('fires each fire time once even when two leaders overlap (split brain on separate leases)', async () => {
    const received = await fixture.collect();
    const scheduleId = await fixture.insertSchedule({ cron: everySecond });
    const first = (await fixture.start()).scheduler;
    const second = (await fixture.start({ LEADER_BUCKET: `${fixture.bucket}-other` })).scheduler;

    await waitFor(() => first.isLeader() && second.isLeader(), { what: 'both to lead their own lease' });
    const fromBoth = received.length;
    await waitFor(() => received.length >= fromBoth + 4, { what: 'four fire times under two leaders' });
    await Promise.all([first.stop(), second.stop()]);
    const { runs, messageIds } = await settled(scheduleId, received);

    expect(new Set(messageIds).size).toBe(messageIds.length);
    expect(messageIds).toHaveLength(runs.length);
    expect(secondsApart(runs).every((gap) => gap === 1_000)).toBe(true);
  });

  it('skips fire times while the previous run is unfinished (overlap skip), and fires again once it finished', async () => {
    const received = await fixture.collect();
    const scheduleId = await fixture.insertSchedule({ cron: everySecond, overlap: 'skip' });
    await fixture.start();

    const skipped = await waitFor(
      async () => {
        const runs = await fixture.runs(scheduleId);
        return runs.filter((run) => run.status === 'skipped').length >= 2 ? runs : undefined;
      },
      { what: 'two skipped fire times' },
    );
    const fired = skipped.filter((run) => run.status === 'fired');
    expect(fired).toHaveLength(1);
    expect(skipped.filter((run) => run.status === 'skipped').every((run) => run.reason === 'overlap')).toBe(
      true,
    );
    await waitFor(() => received.length >= 1, { what: 'the first run’s message' });
    expect(received.map((message) => message.messageId)).toEqual([fired[0]?._id]);

    // A job runner reports the run finished.
    const store = await fixture.store();
    await store.db
      .collection<StringIdDocument>(scheduleRunsCollection)
      .updateOne({ _id: fired[0]?._id ?? '' }, { $set: { status: 'completed' } });

    const second = await waitFor(
      async () => (await fixture.runs(scheduleId)).filter((run) => run.status === 'fired')[0],
      { what: 'a second fired run' },
    );
    expect(second.fireTime.getTime()).toBeGreaterThan(fired[0]?.fireTime.getTime() ?? Infinity);
    await waitFor(() => received.some((message) => message.messageId === second._id), {
      what: 'the second run’s message',
    });
  });

  it('fires one catch-up run for a window missed during downtime (fire-once), and none under skip', async () => {
    const received = await fixture.collect();
    // A yearly fire time 30 s ago, for schedules that exist since a minute ago: missed while no
    // scheduler ran, and with no other fire time for a year.
    const missed = new Date(Math.floor(Date.now() / 1_000) * 1_000 - 30_000);
    const yearly = `${missed.getUTCSeconds()} ${missed.getUTCMinutes()} ${missed.getUTCHours()} ${missed.getUTCDate()} ${missed.getUTCMonth() + 1} *`;
    const createdAt = new Date(missed.getTime() - 30_000);
    const fireOnce = await fixture.insertSchedule({ cron: yearly, misfire: 'fire-once', createdAt });
    const skip = await fixture.insertSchedule({ cron: yearly, misfire: 'skip', createdAt });
    const heartbeat = await fixture.insertSchedule({ cron: everySecond });
    await fixture.start({ MISFIRE_GRACE_MS: '2000' });

    // Every tick handles every schedule: two heartbeat runs after the catch-up mean `skip` had its chance.
    await waitFor(
      () => received.some((message) => message.body.scheduleRunId === runIdOf(fireOnce, missed)),
      { what: 'the catch-up run' },
    );
    const heartbeatsBefore = (await fixture.firedRuns(heartbeat)).length;
    await waitFor(async () => (await fixture.firedRuns(heartbeat)).length >= heartbeatsBefore + 2, {
      what: 'two more ticks',
    });

    const fireOnceRuns = await fixture.runs(fireOnce);
    expect(fireOnceRuns).toHaveLength(1);
    expect(fireOnceRuns[0]).toMatchObject({
      _id: runIdOf(fireOnce, missed),
      fireTime: missed,
      catchUp: true,
      status: 'fired',
    });
    expect(
      received.filter((message) => message.body.scheduleRunId === runIdOf(fireOnce, missed)),
    ).toHaveLength(1);
    expect(await fixture.runs(skip)).toEqual([]);
    expect(received.filter((message) => String(message.body.scheduleRunId).startsWith(`${skip}:`))).toEqual(
      [],
    );
  });

  it('does not fire a paused schedule, and once resumed fires from its next fire time without catching up', async () => {
    const paused = await fixture.insertSchedule({ cron: everySecond, misfire: 'fire-once' });
    const heartbeat = await fixture.insertSchedule({ cron: everySecond });
    // A grace longer than the pause: without the resume mark every paused second would fire late.
    await fixture.start({ MISFIRE_GRACE_MS: '60000' });
    const store = await fixture.store();
    await waitFor(async () => (await fixture.firedRuns(paused)).length >= 2, {
      what: 'two runs before the pause',
    });

    expect(await setSchedulePaused(store, { scheduleId: paused, paused: true, at: new Date() })).toBe(
      'changed',
    );
    const heartbeats = async (more: number) => {
      const before = (await fixture.firedRuns(heartbeat)).length;
      await waitFor(async () => (await fixture.firedRuns(heartbeat)).length >= before + more, {
        what: `${more} more ticks of the heartbeat schedule`,
      });
    };
    // A tick that read the schedule before the pause may still fire it once; after that, nothing.
    await heartbeats(2);
    const runsWhilePaused = await fixture.runs(paused);
    await heartbeats(3);
    expect(await fixture.runs(paused)).toEqual(runsWhilePaused);

    const resumedAt = new Date();
    expect(await setSchedulePaused(store, { scheduleId: paused, paused: false, at: resumedAt })).toBe(
      'changed',
    );
    const lastBeforeResume = runsWhilePaused.at(-1)?.fireTime.getTime() ?? 0;
    const afterResume = await waitFor(
      async () => {
        const runs = (await fixture.runs(paused)).filter((run) => run.fireTime.getTime() > lastBeforeResume);
        return runs.length >= 2 ? runs : undefined;
      },
      { what: 'two runs after the resume' },
    );
    // No catch-up run and no late fire time from the paused window: every run is due after the resume.
    for (const run of afterResume) {
      expect(run.fireTime.getTime()).toBeGreaterThan(resumedAt.getTime());
      expect(run).toMatchObject({ status: 'fired', catchUp: false });
    }
    expect(secondsApart(afterResume).every((gap) => gap === 1_000)).toBe(true);
  });
});
