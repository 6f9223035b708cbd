import { jobsCollection } from '@conveyor/jobs';
import type { Scheduler } from '@conveyor/scheduler';
import { afterEach, describe, expect, it } from 'vitest';
import { uniqueName, waitFor } from '../../support/index.ts';
import { SchedulerFixture } from './scheduler-fixture.ts';

interface JobDocument {
  _id: string;
  tenantId: string;
  type: string;
  payload: Record<string, unknown>;
  priority: number;
  status: string;
  runAt: Date;
  acceptedAt?: Date;
  fencingToken?: number;
}

describe('scheduler: one-off jobs', () => {
  let fixture = new SchedulerFixture();
  afterEach(async () => {
    await fixture.cleanUp();
    fixture = new SchedulerFixture();
  });

  async function insertJob(runAt: Date): Promise<string> {
    const jobId = uniqueName('job');
    const store = await fixture.store();
    await store.db.collection<JobDocument>(jobsCollection).insertOne({
      _id: jobId,
      tenantId: fixture.tenant,
      type: 'scheduler-test.one-off',
      payload: { note: jobId },
      priority: 8,
      status: 'scheduled',
      runAt,
    });
    return jobId;
  }

  async function job(jobId: string): Promise<JobDocument | null> {
    return (await fixture.store()).db.collection<JobDocument>(jobsCollection).findOne({ _id: jobId });
  }

  it('publishes a job whose runAt is in the future only once that time has passed', async () => {
    const received = await fixture.collect();
    const later = await insertJob(new Date(Date.now() + 4_000));
    const due = await insertJob(new Date(Date.now() - 1_000));
    const schedulers: Scheduler[] = [(await fixture.start()).scheduler, (await fixture.start()).scheduler];

    await waitFor(() => received.some((message) => message.messageId === `${due}:requested`), {
      what: 'the due job',
    });
    expect(received.map((message) => message.messageId)).not.toContain(`${later}:requested`);
    expect(await job(later)).toMatchObject({ status: 'scheduled' });

    await waitFor(() => received.some((message) => message.messageId === `${later}:requested`), {
      what: 'the later job',
    });
    await Promise.all(schedulers.map((scheduler) => scheduler.stop()));

    const accepted = await job(later);
    expect(accepted).toMatchObject({ status: 'accepted' });
    // The leader accepts it at server time, which was at or past runAt: it was not published early.
    expect(accepted?.acceptedAt?.getTime()).toBeGreaterThanOrEqual(accepted?.runAt.getTime() ?? Infinity);
    expect(accepted?.fencingToken).toBeGreaterThan(0);
    expect(received.filter((message) => message.messageId === `${later}:requested`)).toHaveLength(1);
    expect(received.find((message) => message.messageId === `${later}:requested`)).toMatchObject({
      type: 'job.requested.v1',
      priority: 8,
      tenant: fixture.tenant,
      body: {
        jobId: later,
        tenantId: fixture.tenant,
        jobType: 'scheduler-test.one-off',
        payload: { note: later },
      },
    });
    expect(await job(due)).toMatchObject({ status: 'accepted' });
  });
});
