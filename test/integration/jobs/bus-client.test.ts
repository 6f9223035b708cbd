// A trusted producer enqueues straight onto RabbitMQ: the job runs, gets its document on first sight
// (so the API sees it), a repeated idempotency key runs it once, and bad data never leaves the process.
import { createBusClient, defineJob, type BusClient } from '@conveyor/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z, ZodError } from 'zod';
import { serverUrls, uniqueName } from '../../support/index.ts';
import { silentLogger } from '../gateway/gateway-fixture.ts';
import { openJobsFixture, type JobsFixture } from './jobs-fixture.ts';

const runs: string[] = [];
const stamp = defineJob({
  type: uniqueName('test.stamp'),
  schema: z.object({ label: z.string().min(1) }),
  handler: ({ label }, { jobId }) => {
    runs.push(jobId);
    return { stamped: label };
  },
});

describe('the bus client (trusted producers)', () => {
  let jobs: JobsFixture;
  let producer: BusClient;
  beforeAll(async () => {
    jobs = await openJobsFixture([stamp]);
    producer = await createBusClient({
      amqpUrl: serverUrls().amqpUrl,
      tenantId: jobs.gateway.tenant,
      logger: silentLogger,
    });
  });
  afterAll(async () => {
    await producer.close();
    await jobs.cleanUp();
  });

  it('enqueues a job that runs and that the API then shows, with its result', async () => {
    const { id } = await producer.enqueue(stamp, { label: 'first' });
    const done = await jobs.untilStatus(id, ['completed', 'failed']);
    expect(done).toMatchObject({ type: stamp.type, status: 'completed', result: { stamped: 'first' } });
  });

  it('names one job for one idempotency key: enqueued twice, it runs once', async () => {
    const key = uniqueName('key');
    const first = await producer.enqueue(stamp, { label: 'once' }, { idempotencyKey: key });
    const second = await producer.enqueue(stamp, { label: 'once' }, { idempotencyKey: key });
    expect(second.id).toBe(first.id);
    await jobs.untilStatus(first.id, ['completed']);
    const another = await producer.enqueue(stamp, { label: 'after' });
    await jobs.untilStatus(another.id, ['completed']);
    expect(runs.filter((jobId) => jobId === first.id)).toHaveLength(1);
  });

  it('refuses data its schema refuses before publishing anything', async () => {
    await expect(producer.enqueue(stamp, { label: '' })).rejects.toBeInstanceOf(ZodError);
  });
});
