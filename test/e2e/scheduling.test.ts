import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { waitFor } from '../support/index.ts';
import type { ServiceProcess } from './service-process.ts';
import { api, startStack, type Stack } from './stack.ts';

const readiness = z.object({ details: z.object({ leader: z.boolean() }).optional() });

interface RunRecord {
  _id: string;
  scheduleId: string;
  fireTime: Date;
  fencingToken: number;
}

describe('scheduling end to end (real processes)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ fulfilmentWorkers: 1, schedulers: 2 });
  }, 120_000);
  afterAll(async () => {
    await stack.stop();
  });

  async function isLeader(scheduler: ServiceProcess): Promise<boolean> {
    const response = await fetch(`${scheduler.healthUrl}/readyz`).catch(() => undefined);
    if (response === undefined) return false;
    return readiness.parse(await response.json()).details?.leader === true;
  }

  it('fires a per-second schedule once per tick with two schedulers, and the survivor takes over from a killed leader', async () => {
    const created = await api(stack, 'POST', '/v1/schedules', {
      name: 'every-second',
      cron: '* * * * * *',
      timeZone: 'UTC',
      job: { type: 'conveyor.echo', payload: { from: 'e2e' } },
      overlap: 'allow',
      misfire: 'skip',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const scheduleId = z.object({ id: z.string() }).parse(created.body).id;
    const runs = stack.db.collection<RunRecord>('schedule_runs');
    const runsOf = () => runs.find({ scheduleId }).sort({ fireTime: 1 }).toArray();

    await waitFor(async () => (await runsOf()).length >= 3, {
      what: `three runs\n${stack.logs()}`,
      timeoutMs: 20_000,
    });
    const leaders = await Promise.all(stack.schedulers.map(isLeader));
    expect(leaders.filter(Boolean)).toHaveLength(1);
    const leader = stack.schedulers[leaders.indexOf(true)];
    const survivor = stack.schedulers[leaders.indexOf(false)];
    if (leader === undefined || survivor === undefined)
      throw new Error('expected one leader and one follower');

    const killedAt = Date.now();
    await leader.kill();
    await waitFor(() => isLeader(survivor), {
      what: 'the survivor elected',
      timeoutMs: 15_000,
      intervalMs: 100,
    });
    await waitFor(async () => (await runsOf()).some((run) => run.fireTime.getTime() > killedAt + 1_000), {
      what: 'a run fired by the survivor',
      timeoutMs: 15_000,
    });

    const all = await runsOf();
    const fireTimes = all.map((run) => run.fireTime.toISOString());
    expect(new Set(fireTimes).size).toBe(fireTimes.length);
    // Every fire time is a whole second, and the fencing token never goes backwards.
    expect(all.every((run) => run.fireTime.getMilliseconds() === 0)).toBe(true);
    const tokens = all.map((run) => run.fencingToken);
    expect(tokens).toEqual([...tokens].sort((a, b) => a - b));
    expect(new Set(tokens).size).toBeGreaterThanOrEqual(2);
    await api(stack, 'DELETE', `/v1/schedules/${scheduleId}`);
  });

  it('does not run a delayed job before its time, then runs it', async () => {
    const submitted = await api(stack, 'POST', '/v1/jobs', {
      type: 'conveyor.echo',
      payload: { n: 7 },
      delayMs: 2_000,
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
    const job = z.object({ id: z.string(), status: z.string(), runAt: z.string() }).parse(submitted.body);
    expect(job.status).toBe('scheduled');
    const view = z.object({ status: z.string(), result: z.unknown().optional(), updatedAt: z.string() });
    const read = async () => view.parse((await api(stack, 'GET', `/v1/jobs/${job.id}`)).body);
    const early = await read();
    expect(early.status).toBe('scheduled');
    const done = await waitFor(
      async () => {
        const current = await read();
        return current.status === 'completed' ? current : undefined;
      },
      { what: 'the delayed job completed', timeoutMs: 20_000, intervalMs: 100 },
    );
    expect(done.result).toEqual({ echo: { n: 7 } });
    expect(Date.parse(done.updatedAt)).toBeGreaterThanOrEqual(Date.parse(job.runAt));
  });

  it('refuses a job nobody runs at accept time, naming the type', async () => {
    const refused = await api(stack, 'POST', '/v1/jobs', { type: 'no.such-job', payload: {} });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: { code: 'UNKNOWN_JOB_TYPE', details: [{ field: 'type' }] } });
  });

  it('dead-letters a job that fails for good, and the archiver makes it visible to operators with its reason', async () => {
    const submitted = await api(stack, 'POST', '/v1/jobs', {
      type: 'conveyor.fail',
      payload: { message: 'the report source is gone' },
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
    const { id } = z.object({ id: z.string() }).parse(submitted.body);
    const deadLetters = stack.db.collection<{ messageId: string; reason: string; error: string }>(
      'dead_letters',
    );
    const archived = await waitFor(() => deadLetters.findOne({ messageId: `${id}:requested` }), {
      what: 'the job archived from its .dlq',
      timeoutMs: 20_000,
      intervalMs: 200,
    });
    expect(archived.reason).toBe('permanent-failure');
    expect(archived.error).toContain('the report source is gone');
    const view = z.object({ status: z.string() }).parse((await api(stack, 'GET', `/v1/jobs/${id}`)).body);
    expect(view.status).toBe('failed');
  });
});
