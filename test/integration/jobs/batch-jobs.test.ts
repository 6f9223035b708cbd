// Batch jobs: a handler fans out children; its job waits, then completes (or fails) when all of them
// have ended, and its callback job runs with the counts.
import { JobFailedError, defineJob } from '@conveyor/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { uniqueName } from '../../support/index.ts';
import { openJobsFixture, type JobsFixture } from './jobs-fixture.ts';

const square = defineJob({
  type: uniqueName('test.square'),
  schema: z.object({ n: z.number().int() }),
  handler: ({ n }) => {
    if (n < 0) throw new JobFailedError(`cannot square ${String(n)} here`, { retryable: false });
    return { squared: n * n };
  },
});

const summary = defineJob({
  type: uniqueName('test.summary'),
  schema: z.object({
    label: z.string(),
    parentJobId: z.string(),
    children: z.record(z.string(), z.number()),
  }),
  handler: (data) => ({ summarised: data }),
});

const squareAll = defineJob({
  type: uniqueName('test.square-all'),
  schema: z.object({ numbers: z.array(z.number().int()) }),
  handler: ({ numbers }, { fanOut }) =>
    fanOut(
      numbers.map((n) => ({ type: square.type, data: { n } })),
      { then: { type: summary.type, data: { label: 'squares' } } },
    ),
});

describe('batch jobs', () => {
  let jobs: JobsFixture;
  beforeAll(async () => {
    jobs = await openJobsFixture([square, summary, squareAll]);
  });
  afterAll(async () => {
    await jobs.cleanUp();
  });

  it('completes the parent when all its children have, then runs its callback job with the counts', async () => {
    const accepted = await jobs.submit({ type: squareAll.type, payload: { numbers: [1, 2, 3] } });
    const id = String(accepted.body['id']);
    const parent = await jobs.untilStatus(id, ['completed', 'failed']);
    expect(parent).toMatchObject({ status: 'completed', children: { total: 3, completed: 3, failed: 0 } });
    for (const [index, n] of [1, 2, 3].entries())
      expect(await jobs.job(`${id}-c${String(index)}`)).toMatchObject({
        status: 'completed',
        parentJobId: id,
        result: { squared: n * n },
      });
    const callback = await jobs.untilStatus(`${id}-then`, ['completed', 'failed']);
    expect(callback).toMatchObject({
      status: 'completed',
      result: {
        summarised: { label: 'squares', parentJobId: id, children: { total: 3, completed: 3, failed: 0 } },
      },
    });
  });

  it('fails the parent when a child failed, after all of them have ended', async () => {
    const accepted = await jobs.submit({ type: squareAll.type, payload: { numbers: [4, -1] } });
    const id = String(accepted.body['id']);
    const parent = await jobs.untilStatus(id, ['completed', 'failed']);
    expect(parent).toMatchObject({
      status: 'failed',
      error: '1 of 2 children failed',
      children: { total: 2, completed: 1, failed: 1 },
    });
  });
});
