import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { errorCode } from '@conveyor/contracts';
import { JobsErrorCode } from '@conveyor/jobs';
import { waitFor } from '../../support/index.ts';
import { json, openGateway, type GatewayFixture } from '../gateway/gateway-fixture.ts';
import { jsonOutput, runConveyor, startConveyor, type ConveyorRun } from './conveyor-process.ts';
import { flakyFailure, startTestJobTypes, type TestJobTypes } from './job-types-fixture.ts';

const hourMs = 3_600_000;

interface StreamEvent {
  event: string;
  data: Record<string, unknown>;
}

/** The lines of a --json watch, one event each. */
function streamEvents(run: ConveyorRun): StreamEvent[] {
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as StreamEvent);
}

describe('conveyor jobs: list, show, follow, cancel and retry jobs through the gateway API', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(): Promise<{
    gateway: GatewayFixture;
    env: Record<string, string>;
    types: TestJobTypes;
  }> {
    const gateway = await openGateway();
    cleanups.push(() => gateway.cleanUp());
    await gateway.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = gateway.app.server.address() as AddressInfo;
    const types = await startTestJobTypes(gateway);
    cleanups.push(() => types.stop());
    return {
      gateway,
      env: { GATEWAY_URL: `http://127.0.0.1:${port}`, CONVEYOR_API_KEY: gateway.apiKey },
      types,
    };
  }

  /** POST /v1/jobs for the fixture's tenant; the job's id. */
  async function submit(
    gateway: GatewayFixture,
    type: string,
    payload: Record<string, unknown>,
    options: { delayMs?: number } = {},
  ): Promise<string> {
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/jobs',
      headers: gateway.auth,
      payload: { type, payload, ...options },
    });
    expect(response.statusCode, response.body).toBe(202);
    return String(json(response)['id']);
  }

  async function jobOf(gateway: GatewayFixture, id: string): Promise<Record<string, unknown>> {
    const response = await gateway.app.inject({
      method: 'GET',
      url: `/v1/jobs/${id}`,
      headers: gateway.auth,
    });
    expect(response.statusCode, response.body).toBe(200);
    return json(response);
  }

  it('lists the tenant’s jobs newest first, filtered by type, status and creation time, a page at a time', async () => {
    const { gateway, env, types } = await setup();
    const echoIds: string[] = [];
    const createdAt: string[] = [];
    for (const n of [1, 2, 3]) {
      const id = await submit(gateway, types.echo, { n }, { delayMs: hourMs });
      const created = String((await jobOf(gateway, id))['createdAt']);
      // The next job is created on a later millisecond, so that newest-first and the time filters are exact.
      await waitFor(() => Date.now() > Date.parse(created), { what: 'the clock to move on' });
      echoIds.push(id);
      createdAt.push(created);
    }
    const [first, second, third] = echoIds;
    const flakyId = await submit(gateway, types.flaky, {}, { delayMs: hourMs });

    const firstPage = await runConveyor(['jobs', 'list', '--type', types.echo, '--limit', '2', '--json'], {
      env,
    });
    expect(firstPage.code, firstPage.stderr).toBe(0);
    const page = jsonOutput(firstPage) as { jobs: { id: string }[]; nextCursor: string | null };
    expect(page.jobs.map((job) => job.id)).toEqual([third, second]);
    expect(page.nextCursor).toEqual(expect.any(String));
    const lastPage = await runConveyor(
      ['jobs', 'list', '--type', types.echo, '--limit', '2', '--cursor', page.nextCursor ?? '', '--json'],
      { env },
    );
    expect(jsonOutput(lastPage)).toMatchObject({ jobs: [{ id: first }], nextCursor: null });

    const [scheduled, since, until, completed, table] = await Promise.all([
      runConveyor(['jobs', 'list', '--status', 'scheduled', '--json'], { env }),
      runConveyor(['jobs', 'list', '--type', types.echo, '--since', createdAt[1] ?? '', '--json'], { env }),
      runConveyor(['jobs', 'list', '--type', types.echo, '--until', createdAt[1] ?? '', '--json'], { env }),
      runConveyor(['jobs', 'list', '--status', 'completed'], { env }),
      runConveyor(['jobs', 'list', '--type', types.echo, '--limit', '2'], { env }),
    ]);
    const idsOf = (run: ConveyorRun) =>
      (jsonOutput(run) as { jobs: { id: string }[] }).jobs.map((job) => job.id);
    expect(idsOf(scheduled)).toEqual([flakyId, third, second, first]);
    expect(idsOf(since)).toEqual([third, second]);
    expect(idsOf(until)).toEqual([first]);
    expect(completed.code, completed.stderr).toBe(0);
    expect(completed.stdout).toBe('no jobs\nno more jobs\n');

    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+TYPE\s+STATUS\s+ATTEMPT\s+CREATED\s+UPDATED$/);
    expect(lines[1]).toMatch(
      new RegExp(`^${third ?? ''}\\s+${types.echo}\\s+scheduled\\s+0\\s+${createdAt[2] ?? ''}\\s`),
    );
    expect(lines[2]).toContain(second);
    expect(lines.at(-1)).toMatch(/^next cursor: \S+$/);
  });

  it('names the gateway’s code for a cursor no page returned', async () => {
    const { env } = await setup();
    const run = await runConveyor(['jobs', 'list', '--cursor', 'not-a-cursor'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(JobsErrorCode.invalidCursor);
  });

  it('shows a job with its attempts, result and trace id; an unknown job exits 3', async () => {
    const { gateway, env, types } = await setup();
    const id = await submit(gateway, types.echo, { n: 7 });
    // jobs watch returns when the job has finished.
    expect((await runConveyor(['jobs', 'watch', id], { env })).code).toBe(0);

    const shown = await runConveyor(['jobs', 'get', id, '--json'], { env });
    expect(shown.code, shown.stderr).toBe(0);
    const job = jsonOutput(shown) as { traceId: string };
    expect(job).toMatchObject({
      id,
      type: types.echo,
      payload: { n: 7 },
      status: 'completed',
      attempt: 1,
      attempts: [{ attempt: 1, outcome: 'completed', error: null }],
      result: { echo: { n: 7 } },
      error: null,
    });
    expect(job.traceId).toMatch(/^[0-9a-f]{32}$/);

    const text = await runConveyor(['jobs', 'get', id], { env });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`${id}  completed  (${types.echo}, priority 5)`);
    expect(text.stdout).toContain('result:   {"echo":{"n":7}}');
    expect(text.stdout).toContain(`trace:    ${job.traceId}`);
    expect(text.stdout).toMatch(/^ {2}#1 {2}\S+ {2}\S+ {2}completed$/m);

    const missing = await runConveyor(['jobs', 'get', 'job_missing'], { env });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('job job_missing not found');
  });

  it('follows a running job live, its progress then its end, and exits 0 when it completes', async () => {
    const { gateway, env, types } = await setup();
    const id = await submit(gateway, types.gated, {});
    await types.started(id);

    const watching = startConveyor(['jobs', 'watch', id, '--json'], { env });
    await waitFor(() => watching.output().stdout.includes('"snapshot"'), { what: 'the snapshot' });
    types.allowProgress(id);
    await waitFor(() => watching.output().stdout.includes('"progress"'), { what: 'the progress event' });
    types.allowFinish(id);
    const run = await watching.exited;

    expect(run.code, run.stderr).toBe(0);
    const events = streamEvents(run);
    expect(events[0]).toMatchObject({ event: 'snapshot', data: { id, status: 'running' } });
    expect(events.find((event) => event.event === 'progress')).toMatchObject({
      data: { jobId: id, value: 50 },
    });
    expect(events.at(-1)).toMatchObject({
      event: 'status',
      data: { id, status: 'completed', result: { finished: true } },
    });
    expect(run.stderr).toContain(`job ${id} completed`);

    // A finished job is printed, and the watch ends at once with its outcome.
    const again = await runConveyor(['jobs', 'watch', id], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`${id}  completed`);
  });

  it('cancels a running job: its handler’s signal fires, it ends cancelled, and its watch exits 1', async () => {
    const { gateway, env, types } = await setup();
    const id = await submit(gateway, types.gated, {});
    await types.started(id);
    const watching = startConveyor(['jobs', 'watch', id, '--json'], { env });
    await waitFor(() => watching.output().stdout.includes('"snapshot"'), { what: 'the snapshot' });

    const cancel = await runConveyor(['jobs', 'cancel', id, '--json'], { env });
    expect(cancel.code, cancel.stderr).toBe(0);
    expect(jsonOutput(cancel)).toMatchObject({ id, cancelRequested: true });
    expect(errorCode(await types.aborted(id))).toBe(JobsErrorCode.jobCancelled);

    const watched = await watching.exited;
    expect(watched.code).toBe(1);
    expect(watched.stderr).toContain(`job ${id} ended cancelled`);
    expect(streamEvents(watched).at(-1)).toMatchObject({
      event: 'status',
      data: { id, status: 'cancelled' },
    });
    const shown = await runConveyor(['jobs', 'get', id, '--json'], { env });
    expect(jsonOutput(shown)).toMatchObject({
      status: 'cancelled',
      attempts: [{ attempt: 1, outcome: 'cancelled' }],
    });
  });

  it('cancels a queued job at once; cancelling a finished job exits 1 with JOB_FINISHED, an unknown one 3', async () => {
    const { gateway, env, types } = await setup();
    const id = await submit(gateway, types.echo, { n: 1 }, { delayMs: hourMs });

    const cancel = await runConveyor(['jobs', 'cancel', id], { env });
    expect(cancel.code, cancel.stderr).toBe(0);
    expect(cancel.stdout).toMatch(new RegExp(`^cancelled job ${id}\n${id} {2}cancelled `));
    expect(jsonOutput(await runConveyor(['jobs', 'get', id, '--json'], { env }))).toMatchObject({
      status: 'cancelled',
      attempt: 0,
      attempts: [],
    });

    const again = await runConveyor(['jobs', 'cancel', id], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`job ${id} was not cancelled: it has already finished`);
    expect(again.stderr).toContain(JobsErrorCode.jobFinished);
    const againJson = await runConveyor(['jobs', 'cancel', id, '--json'], { env });
    expect(JSON.parse(againJson.stderr)).toMatchObject({
      error: { code: JobsErrorCode.jobFinished, exitCode: 1 },
    });

    const missing = await runConveyor(['jobs', 'cancel', 'job_missing'], { env });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('job job_missing not found');
  });

  it('retries a failed job, which runs again; retrying one that has not failed exits 1 with JOB_NOT_RETRYABLE', async () => {
    const { gateway, env, types } = await setup();
    const id = await submit(gateway, types.flaky, {});
    const failed = await runConveyor(['jobs', 'watch', id], { env });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`job ${id} ended failed`);
    expect(failed.stderr).toContain(flakyFailure);
    const shown = await runConveyor(['jobs', 'get', id, '--json'], { env });
    expect(jsonOutput(shown)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining(flakyFailure) as unknown,
      attempts: [{ attempt: 1, outcome: 'failed', error: expect.stringContaining(flakyFailure) as unknown }],
    });

    const retry = await runConveyor(['jobs', 'retry', id, '--json'], { env });
    expect(retry.code, retry.stderr).toBe(0);
    expect(jsonOutput(retry)).toMatchObject({ id, status: 'accepted' });
    const rerun = await runConveyor(['jobs', 'watch', id, '--json'], { env });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(streamEvents(rerun).at(-1)).toMatchObject({ data: { status: 'completed', result: { run: 2 } } });

    const again = await runConveyor(['jobs', 'retry', id], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`job ${id} was not retried: only a failed or cancelled job is retried`);
    expect(again.stderr).toContain(JobsErrorCode.jobNotRetryable);

    const missing = await runConveyor(['jobs', 'retry', 'job_missing'], { env });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('job job_missing not found');
  });
});
