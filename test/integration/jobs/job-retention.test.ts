// Retention per type: a type registered with retentionDays keeps its finished jobs that long; the others
// follow the deployment's cutoff; unfinished jobs are kept however old.
import { deleteFinishedJobsOlderThan, registerJobTypes, type JobTypeRegistration } from '@conveyor/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type GatewayFixture } from '../gateway/gateway-fixture.ts';

const dayMs = 24 * 60 * 60 * 1000;
const registration = (type: string, retentionDays: number | null): JobTypeRegistration => ({
  type,
  queue: `jobs.${type}`,
  schema: { type: 'object' },
  priority: 5,
  attempts: 5,
  timeoutMs: 60_000,
  ordered: null,
  retentionDays,
});

describe('job retention', () => {
  let gateway: GatewayFixture;
  beforeAll(async () => {
    gateway = await openGateway();
  });
  afterAll(async () => {
    await gateway.cleanUp();
  });

  it('deletes finished jobs by their type’s retention, else by the global cutoff, and keeps unfinished ones', async () => {
    const { store } = gateway;
    await registerJobTypes(
      store,
      [registration('test.keep-long', 30), registration('test.keep-short', 1)],
      'test',
    );
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * dayMs);
    const job = (id: string, type: string, status: string, updatedAt: Date) => ({
      _id: id,
      tenantId: gateway.tenant,
      type,
      payload: {},
      status,
      createdAt: updatedAt,
      updatedAt,
    });
    await store.db
      .collection<{ _id: string }>('jobs')
      .insertMany([
        job('long-10d', 'test.keep-long', 'completed', daysAgo(10)),
        job('short-2d', 'test.keep-short', 'failed', daysAgo(2)),
        job('short-running', 'test.keep-short', 'running', daysAgo(2)),
        job('other-10d', 'report.daily', 'cancelled', daysAgo(10)),
        job('other-3d', 'report.daily', 'completed', daysAgo(3)),
      ]);

    const deleted = await deleteFinishedJobsOlderThan(store, daysAgo(7), now);

    const left = await store.db
      .collection<{ _id: string }>('jobs')
      .find({}, { projection: { _id: 1 } })
      .toArray();
    expect(left.map((kept) => kept._id).sort()).toEqual(['long-10d', 'other-3d', 'short-running']);
    expect(deleted).toBe(2);
  });
});
