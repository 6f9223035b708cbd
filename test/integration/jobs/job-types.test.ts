// The registry: a worker's types are what the gateway accepts, with the data their schemas accept.
import { Exchange } from '@conveyor/bus';
import { jobRequested, jobRequestedRoutingKey } from '@conveyor/contracts';
import { defineJob } from '@conveyor/worker';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { uniqueName } from '../../support/index.ts';
import { openJobsFixture, type JobsFixture } from './jobs-fixture.ts';

describe('job types', () => {
  const type = uniqueName('test.resize');
  const resize = defineJob({
    type,
    schema: z.object({ url: z.url(), width: z.number().int().positive().max(4096) }),
    handler: ({ width }) => ({ resizedTo: width }),
  });
  let jobs: JobsFixture;
  beforeEach(async () => {
    jobs = await openJobsFixture([resize]);
  });
  afterEach(async () => {
    await jobs.cleanUp();
  });

  it('lists the types its workers registered, with the JSON Schema of their data', async () => {
    const listed = await jobs.request('GET', '/v1/job-types');
    const registered = (listed.body['jobTypes'] as Record<string, unknown>[]).find(
      (entry) => entry['type'] === type,
    );
    expect(registered).toMatchObject({ queue: `jobs.${type}`, attempts: 5, ordered: null });
    expect(registered?.['schema']).toMatchObject({ type: 'object', required: ['url', 'width'] });
  });

  it('refuses, at accept time, a job of a type no worker registered: 422 naming the type', async () => {
    const refused = await jobs.submit({ type: 'no.such-job', payload: {} });
    expect(refused.status).toBe(422);
    expect(refused.body['error']).toMatchObject({
      code: 'UNKNOWN_JOB_TYPE',
      details: [{ location: 'body', field: 'type', code: 'unknown_job_type' }],
    });
  });

  it('refuses data its type’s schema refuses: 422 naming each bad field', async () => {
    const refused = await jobs.submit({ type, payload: { url: 'not a url', width: -1 } });
    expect(refused.status).toBe(422);
    const error = refused.body['error'] as { code: string; details: { field: string }[] };
    expect(error.code).toBe('INVALID_JOB_PAYLOAD');
    expect(error.details.map((issue) => issue.field).sort()).toEqual(['payload.url', 'payload.width']);
  });

  it('runs an accepted job on its type’s own queue and records the result', async () => {
    const accepted = await jobs.submit({ type, payload: { url: 'https://example.com/a.png', width: 640 } });
    expect(accepted.status).toBe(202);
    const done = await jobs.untilStatus(String(accepted.body['id']), ['completed', 'failed']);
    expect(done).toMatchObject({ status: 'completed', result: { resizedTo: 640 }, attempt: 1 });
    expect(done['attempts']).toMatchObject([{ run: 1, attempt: 1, outcome: 'completed', error: null }]);
    expect(jobs.worker.hosts.map((host) => host.queue)).toEqual([`jobs.${type}`]);
  });

  it('gives a job published straight to the bus, without a document, one on first sight', async () => {
    const jobId = uniqueName('job_direct');
    await jobs.gateway.bus.publish({
      exchange: Exchange.events,
      routingKey: jobRequestedRoutingKey(type),
      type: jobRequested.name,
      body: {
        jobId,
        tenantId: jobs.gateway.tenant,
        jobType: type,
        payload: { url: 'https://example.com/b.png', width: 32 },
      },
    });
    const done = await jobs.untilStatus(jobId, ['completed']);
    expect(done).toMatchObject({ type, status: 'completed', result: { resizedTo: 32 } });
  });
});
