// The whole life of a job through the API, with a real worker: cancel before and while it runs, retry
// a failed one, resume from a checkpoint, list and page, follow it live.
import { setTimeout as sleep } from 'node:timers/promises';
import { JobFailedError, defineJob } from '@conveyor/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { uniqueName } from '../../support/index.ts';
import { openJobsFixture, type JobsFixture } from './jobs-fixture.ts';

const cancelReasons: unknown[] = [];

const sleeper = defineJob({
  type: uniqueName('test.sleep'),
  schema: z.object({ ms: z.number().int().min(0) }),
  async handler({ ms }, { signal, progress }) {
    try {
      for (let slept = 0; slept < ms; slept += 100) {
        await sleep(100, undefined, { signal });
        await progress(Math.round(((slept + 100) / ms) * 100));
      }
    } catch (error) {
      cancelReasons.push(signal.reason);
      throw error;
    }
    return { slept: ms };
  },
});

/** Fails for good on its first run, after saving a checkpoint; a retried run resumes from it. */
const flaky = defineJob({
  type: uniqueName('test.flaky'),
  schema: z.object({}),
  async handler(_data, { lastCheckpoint, checkpoint }) {
    if (lastCheckpoint === undefined) {
      await checkpoint({ stage: 1 });
      throw new JobFailedError('stage 2 is broken', { retryable: false });
    }
    return { resumedFrom: lastCheckpoint };
  },
});

/** Fails its first attempt (retryable) after a checkpoint; the bus's retry resumes from it. */
const resumable = defineJob({
  type: uniqueName('test.resumable'),
  schema: z.object({}),
  attempts: 3,
  backoff: [200],
  async handler(_data, { attempt, lastCheckpoint, checkpoint }) {
    if (attempt === 1) {
      await checkpoint({ rowsDone: 500 });
      throw new Error('the connection dropped');
    }
    return { attempt, resumedFrom: lastCheckpoint };
  },
});

describe('job lifecycle', () => {
  let jobs: JobsFixture;
  beforeAll(async () => {
    jobs = await openJobsFixture([sleeper, flaky, resumable]);
  });
  afterAll(async () => {
    await jobs.cleanUp();
  });

  const submit = async (
    type: string,
    payload: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) => {
    const accepted = await jobs.submit({ type, payload, ...extra });
    expect(accepted.status).toBe(202);
    return String(accepted.body['id']);
  };

  it('cancels a job that has not started: it ends cancelled and never runs', async () => {
    const id = await submit(sleeper.type, { ms: 100 }, { delayMs: 60_000 });
    const cancelled = await jobs.request('POST', `/v1/jobs/${id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', attempts: [], attempt: 0 });
    const again = await jobs.request('POST', `/v1/jobs/${id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body['error']).toMatchObject({ code: 'JOB_FINISHED' });
  });

  it('cancels a running job: its handler’s signal fires and the job ends cancelled, not retried', async () => {
    const id = await submit(sleeper.type, { ms: 60_000 });
    await jobs.untilStatus(id, ['running']);
    const asked = await jobs.request('POST', `/v1/jobs/${id}/cancel`);
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ status: 'running', cancelRequested: true });
    const ended = await jobs.untilStatus(id, ['cancelled', 'completed', 'failed']);
    expect(ended).toMatchObject({ status: 'cancelled', attempt: 1 });
    expect(ended['attempts']).toMatchObject([{ attempt: 1, outcome: 'cancelled' }]);
    expect(cancelReasons).toContainEqual(expect.objectContaining({ code: 'JOB_CANCELLED' }));
  });

  it('retries a failed job as a new run, which resumes from the checkpoint the failed run saved', async () => {
    const id = await submit(flaky.type, {});
    const failed = await jobs.untilStatus(id, ['failed', 'completed']);
    expect(failed).toMatchObject({ status: 'failed', error: 'stage 2 is broken', run: 1 });

    const retried = await jobs.request('POST', `/v1/jobs/${id}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ status: 'accepted', run: 2 });
    const done = await jobs.untilStatus(id, ['completed', 'failed']);
    expect(done).toMatchObject({ status: 'completed', run: 2, result: { resumedFrom: { stage: 1 } } });
    expect(done['attempts']).toMatchObject([
      { run: 1, attempt: 1, outcome: 'failed', error: 'stage 2 is broken' },
      { run: 2, attempt: 1, outcome: 'completed' },
    ]);
  });

  it('refuses to retry a job that has not failed nor been cancelled: 409 JOB_NOT_RETRYABLE', async () => {
    const id = await submit(sleeper.type, { ms: 100 }, { delayMs: 60_000 });
    const refused = await jobs.request('POST', `/v1/jobs/${id}/retry`);
    expect(refused.status).toBe(409);
    expect(refused.body['error']).toMatchObject({ code: 'JOB_NOT_RETRYABLE' });
  });

  it('lets a retried attempt resume from the checkpoint the failed attempt saved', async () => {
    const id = await submit(resumable.type, {});
    const done = await jobs.untilStatus(id, ['completed', 'failed']);
    expect(done).toMatchObject({
      status: 'completed',
      result: { attempt: 2, resumedFrom: { rowsDone: 500 } },
    });
    expect(done['attempts']).toMatchObject([
      { attempt: 1, outcome: 'retrying', error: 'the connection dropped' },
      { attempt: 2, outcome: 'completed' },
    ]);
  });

  it('lists jobs filtered by type and status, newest first, a page at a time', async () => {
    const ids = [];
    for (let n = 0; n < 3; n += 1) ids.push(await submit(flaky.type, {}, { delayMs: 60_000 }));
    const query = `type=${flaky.type}&status=scheduled&limit=2`;
    const first = await jobs.request('GET', `/v1/jobs?${query}`);
    expect(first.status).toBe(200);
    const firstIds = (first.body['jobs'] as { id: string }[]).map((job) => job.id);
    expect(firstIds).toEqual([ids[2], ids[1]]);
    expect(first.body['nextCursor']).toEqual(expect.any(String));
    const second = await jobs.request(
      'GET',
      `/v1/jobs?${query}&cursor=${encodeURIComponent(String(first.body['nextCursor']))}`,
    );
    expect((second.body['jobs'] as { id: string }[]).map((job) => job.id)).toEqual([ids[0]]);
    expect(second.body['nextCursor']).toBeNull();
    const bad = await jobs.request('GET', '/v1/jobs?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
  });

  it('follows a job live: its snapshot, its progress, then its final status, and the stream ends', async () => {
    const id = await submit(sleeper.type, { ms: 1_500 });
    const stream = await jobs.gateway.app.inject({
      method: 'GET',
      url: `/v1/jobs/${id}/events`,
      headers: jobs.gateway.auth,
    });
    expect(stream.statusCode).toBe(200);
    expect(stream.headers['content-type']).toContain('text/event-stream');
    const events = [...stream.body.matchAll(/^event: (\w+)$/gm)].map((match) => match[1]);
    expect(events[0]).toBe('snapshot');
    expect(events).toContain('progress');
    expect(events.at(-1)).toBe('status');
    const frames = stream.body.split('\n\n').filter((frame) => frame.startsWith('event: status'));
    expect(frames.at(-1)).toContain('"status":"completed"');
  });
});
