import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/index.ts';
import { LEASE_MS, SchedulerFixture, secondsApart, type RunningScheduler } from './scheduler-fixture.ts';

describe('scheduler: leader failover', () => {
  let fixture = new SchedulerFixture();
  afterEach(async () => {
    await fixture.cleanUp();
    fixture = new SchedulerFixture();
  });

  it('hands over within the lease time when the leader dies without releasing, and no fire time runs twice', async () => {
    const received = await fixture.collect();
    const scheduleId = await fixture.insertSchedule({ cron: '* * * * * *' });
    const contenders: RunningScheduler[] = [await fixture.start(), await fixture.start()];
    const [leader, follower] = await waitFor(
      () => {
        const leading = contenders.find((contender) => contender.scheduler.isLeader());
        const other = contenders.find((contender) => contender !== leading);
        return leading !== undefined && other !== undefined ? ([leading, other] as const) : undefined;
      },
      { what: 'a leader' },
    );
    await waitFor(() => received.length >= 2, { what: 'two fire times from the first leader' });

    // The leader dies: cut off from NATS, it can neither renew nor release the lease, and stops.
    await leader.nats.close();
    await leader.scheduler.stop();

    // Expiry after the lease time, plus one polling period of the follower (a quarter of it).
    await waitFor(() => follower.scheduler.isLeader(), {
      what: 'the follower to take over',
      timeoutMs: LEASE_MS * 2,
    });
    await waitFor(
      async () =>
        (await fixture.firedRuns(scheduleId)).filter((run) => run.holderId === follower.scheduler.holderId)
          .length >= 2,
      { what: 'two fire times from the new leader' },
    );
    await follower.scheduler.stop();
    const runs = await waitFor(
      async () => {
        const fired = await fixture.firedRuns(scheduleId);
        return received.length >= fired.length ? fired : undefined;
      },
      { what: 'a message for every fired run' },
    );

    const messageIds = received.map((message) => message.messageId);
    expect(new Set(messageIds).size).toBe(messageIds.length);
    expect(messageIds).toHaveLength(runs.length);
    // The gap during the handover is shorter than the misfire grace: its fire times are fired late, once.
    expect(secondsApart(runs).every((gap) => gap === 1_000)).toBe(true);
    const byOldLeader = runs.filter((run) => run.holderId === leader.scheduler.holderId);
    const byNewLeader = runs.filter((run) => run.holderId === follower.scheduler.holderId);
    expect(byOldLeader.length + byNewLeader.length).toBe(runs.length);
    const lastOld = byOldLeader.at(-1);
    expect(lastOld).toBeDefined();
    expect(byNewLeader.every((run) => run.fireTime > (lastOld?.fireTime ?? new Date(8.64e15)))).toBe(true);
    expect(Math.min(...byNewLeader.map((run) => run.fencingToken))).toBeGreaterThan(
      Math.max(...byOldLeader.map((run) => run.fencingToken)),
    );
  });
});
