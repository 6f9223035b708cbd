// The jobs pages over HTTP, against a real dashboard process and a real worker running the test's own
// job types: the list across tenants (filters, pages), a job's attempts, error, trace and children,
// cancel and retry as the API does them, and the registry of job types.
import { findJob, isFinishedJobStatus, type JobDocument } from '@conveyor/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName, waitFor } from '../../support/index.ts';
import { openDashboardFixture, traceUiUrl, type DashboardFixture } from './dashboard-fixture.ts';
import { dashboardHttp, fieldText, rowIds, rowText, type DashboardHttp } from './dashboard-http.ts';
import { flakyFailure, startTestJobTypes, type TestJobTypes } from './job-types-fixture.ts';

/** A stored job as a writer of @conveyor/jobs leaves it; the fields not given read with their defaults. */
interface StoredJob {
  _id: string;
  tenantId: string;
  type: string;
  status: JobDocument['status'];
  createdAt: Date;
  updatedAt: Date;
  [field: string]: unknown;
}

describe('dashboard jobs pages (HTTP)', () => {
  let fixture: DashboardFixture;
  let types: TestJobTypes;
  let http: DashboardHttp;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    fixture = await openDashboardFixture();
    cleanups.push(() => fixture.cleanUp());
    types = await startTestJobTypes(fixture);
    cleanups.push(() => types.stop());
    http = dashboardHttp(fixture);
  }, 120_000);
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const stored = (job: StoredJob) => fixture.store.db.collection<StoredJob>('jobs').insertOne(job);
  const untilFinished = (id: string) =>
    waitFor(
      async () => {
        const job = await findJob(fixture.store, id);
        return job !== null && isFinishedJobStatus(job.status) ? job : undefined;
      },
      { what: `job ${id} finished`, timeoutMs: 20_000 },
    );

  it('lists jobs across tenants filtered by status, type, tenant and creation time, 50 a page by cursor', async () => {
    const tenant = uniqueName('tenant');
    const type = `${uniqueName('listed')}.report`;
    const base = new Date('2031-03-01T10:00:00.000Z');
    const at = (seconds: number) => new Date(base.getTime() + seconds * 1000);
    for (let n = 0; n < 53; n += 1)
      await stored({
        _id: `${tenant}-${String(n).padStart(2, '0')}`,
        tenantId: tenant,
        type,
        status: n % 10 === 0 ? 'failed' : 'accepted',
        createdAt: at(n),
        updatedAt: at(n),
        ...(n === 52 ? { run: 2, attempt: 1, progress: 40 } : {}),
      });
    const ids = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, index) => `${tenant}-${String(to - 1 - index).padStart(2, '0')}`);

    const first = await http.page(`/jobs?tenant=${tenant}`);
    expect(first.status).toBe(200);
    expect(rowIds(first.html, 'job')).toEqual(ids(3, 53));
    expect(rowText(first.html, 'job', `${tenant}-52`)).toMatch(/accepted 1 \(run 2\) 40%/);
    const older = /href="(\/jobs\?[^"]*cursor=[^"]*)" rel="next"/.exec(first.html)?.[1];
    expect(older).toBeDefined();
    const second = await http.page((older ?? '').replaceAll('&amp;', '&'));
    expect(rowIds(second.html, 'job')).toEqual(ids(0, 3));
    expect(second.html).not.toContain('rel="next"');

    const failed = await http.page(`/jobs?tenant=${tenant}&status=failed&type=${type}`);
    expect(rowIds(failed.html, 'job')).toEqual(
      [50, 40, 30, 20, 10, 0].map((n) => `${tenant}-${String(n).padStart(2, '0')}`),
    );
    expect((await http.page(`/jobs?status=failed&type=${type}`)).html).toContain(`data-job="${tenant}-50"`);
    expect(rowIds((await http.page(`/jobs?tenant=${tenant}&type=other.type`)).html, 'job')).toEqual([]);

    // A time window as the form's datetime-local inputs send it (UTC): from inclusive, before exclusive.
    const window = await http.page(
      `/jobs?tenant=${tenant}&since=2031-03-01T10:00:10&until=2031-03-01T10:00:20`,
    );
    expect(rowIds(window.html, 'job')).toEqual(ids(10, 20));

    expect((await http.page('/jobs?cursor=not-a-cursor')).status).toBe(400);
    expect((await http.page('/jobs?since=yesterday')).status).toBe(400);
  });

  it("shows a failed job's attempts, error, trace id and payload, and offers Retry, not Cancel", async () => {
    types.flakyFails = true;
    const id = await types.enqueue(uniqueName('tenant'), types.flaky, {});
    const job = await untilFinished(id);
    expect(job.status).toBe('failed');

    const { status, html } = await http.page(`/jobs/${id}`);
    expect(status).toBe(200);
    expect(fieldText(html, 'error')).toBe(flakyFailure);
    expect(fieldText(html, 'attempt')).toBe('run 1, attempt 1');
    expect(rowText(html, 'attempt', '1.1')).toMatch(new RegExp(`^1 1 .+Z .+Z failed ${flakyFailure}$`));
    expect(html).toContain(`href="${traceUiUrl}/${job.traceId ?? ''}"`);
    expect(fieldText(html, 'payload')).toBe('{}');
    expect(fieldText(html, 'actions')).toBe('Retry');
    // Finished: nothing to follow live.
    expect(html).not.toContain('data-live-url');
  });

  it("shows a batch's children with their counts, each linked to its page and back to the parent", async () => {
    const id = await types.enqueue(uniqueName('tenant'), types.batch, {});
    const job = await untilFinished(id);
    expect(job.status).toBe('completed');

    const { html } = await http.page(`/jobs/${id}`);
    expect(fieldText(html, 'children')).toBe('2 child jobs: 2 completed, 0 failed, 0 not finished.');
    expect(rowIds(html, 'child')).toEqual([`${id}-c0`, `${id}-c1`]);
    expect(rowText(html, 'child', `${id}-c0`)).toContain(`${types.echo} completed 1`);
    const child = await http.page(`/jobs/${id}-c1`);
    expect(fieldText(child.html, 'parent')).toBe(id);
    expect(fieldText(child.html, 'result')).toBe('{ "echo": { "n": 2 } }');
  });

  it('cancels a job that has not started, so it never runs; a second cancel and a retry of a completed job are refused', async () => {
    const tenant = uniqueName('tenant');
    const queued = uniqueName('job');
    const now = new Date();
    await stored({
      _id: queued,
      tenantId: tenant,
      type: types.echo,
      status: 'scheduled',
      runAt: new Date(now.getTime() + 3_600_000),
      createdAt: now,
      updatedAt: now,
    });

    const cancelled = await http.post(`/jobs/${queued}/cancel`);
    expect(cancelled).toEqual({ status: 303, location: `/jobs/${queued}?done=cancelled` });
    expect((await findJob(fixture.store, queued))?.status).toBe('cancelled');
    const page = await http.page(cancelled.location ?? '');
    expect(page.html).toContain('Cancelled: the job had not started, and it will not run.');
    expect(fieldText(page.html, 'actions')).toBe('Retry');

    expect(await http.post(`/jobs/${queued}/cancel`)).toEqual({
      status: 303,
      location: `/jobs/${queued}?done=already-finished`,
    });
    const completed = await types.enqueue(tenant, types.echo, { n: 7 });
    await untilFinished(completed);
    expect(await http.post(`/jobs/${completed}/retry`)).toEqual({
      status: 303,
      location: `/jobs/${completed}?done=not-retryable`,
    });
    expect((await findJob(fixture.store, completed))?.run).toBe(1);
    expect((await http.post('/jobs/no-such-job/cancel')).status).toBe(404);
  });

  it('takes cancel and retry only with the admin key, and not from another origin', async () => {
    const id = uniqueName('job');
    const now = new Date();
    await stored({
      _id: id,
      tenantId: 'acme',
      type: types.echo,
      status: 'failed',
      createdAt: now,
      updatedAt: now,
    });

    const anonymous = await fetch(`${fixture.url}/jobs/${id}/retry`, { method: 'POST', redirect: 'manual' });
    expect(anonymous.status).toBe(401);
    const login = await fetch(`${fixture.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ key: fixture.adminKey }).toString(),
      redirect: 'manual',
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const foreign = await fetch(`${fixture.url}/jobs/${id}/retry`, {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example' },
      redirect: 'manual',
    });
    expect(foreign.status).toBe(403);
    expect((await findJob(fixture.store, id))?.status).toBe('failed');
  });

  it('lists the job types the workers registered, with queue, attempts, timeout, order and retention', async () => {
    const { status, html } = await http.page('/job-types');
    expect(status).toBe(200);
    expect(rowText(html, 'job-type', types.waits)).toMatch(
      new RegExp(
        `^${types.waits.replaceAll('.', '\\.')} jobs\\.${types.waits.replaceAll('.', '\\.')} 5 1 10 min no global rule dashboard-test .+Z$`,
      ),
    );
    expect(rowIds(html, 'job-type')).toEqual([types.batch, types.echo, types.flaky, types.waits].sort());
  });

  it("runs a schedule's job now, for the schedule's tenant, and says so; a schedule of a type nobody runs is refused", async () => {
    const schedule = (id: string, type: string) =>
      fixture.store.db.collection<{ _id: string; [field: string]: unknown }>('schedules').insertOne({
        _id: id,
        tenantId: 'dashboard-run-now',
        name: id,
        cron: '0 2 * * *',
        timeZone: 'UTC',
        job: { type, payload: { from: 'run now' }, priority: 1 },
        overlap: 'skip',
        misfire: 'fire-once',
        paused: false,
        createdAt: new Date(),
      });
    const runnable = uniqueName('sch');
    await schedule(runnable, types.echo);
    const ran = await http.post(`/schedules/${runnable}/run`);
    expect(ran.status).toBe(303);
    const jobId = new URL(ran.location ?? '', fixture.url).searchParams.get('job') ?? '';
    expect(ran.location).toContain('done=ran');
    const job = await untilFinished(jobId);
    expect(job).toMatchObject({ tenantId: 'dashboard-run-now', type: types.echo, status: 'completed' });

    const orphan = uniqueName('sch');
    await schedule(orphan, 'no.such-job');
    const refused = await http.post(`/schedules/${orphan}/run`);
    expect(refused.status).toBe(303);
    expect(refused.location).toContain('done=refused');
    expect((await http.post(`/schedules/${uniqueName('sch')}/run`)).status).toBe(404);
  });
});
