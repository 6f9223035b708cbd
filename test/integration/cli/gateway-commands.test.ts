import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { jobRequested, orderProgressEvent, orderProgressSubject } from '@conveyor/contracts';
import { uniqueName, waitFor } from '../../support/index.ts';
import { openGateway, type GatewayFixture } from '../gateway/gateway-fixture.ts';
import { jsonOutput, runConveyor, startConveyor } from './conveyor-process.ts';

describe('conveyor orders, schedules and delayed jobs through the gateway API', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(): Promise<{ gateway: GatewayFixture; env: Record<string, string>; tenant: string }> {
    const gateway = await openGateway();
    cleanups.push(() => gateway.cleanUp());
    await gateway.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = gateway.app.server.address() as AddressInfo;
    return {
      gateway,
      env: { GATEWAY_URL: `http://127.0.0.1:${port}`, CONVEYOR_API_KEY: gateway.apiKey },
      tenant: gateway.tenant,
    };
  }

  async function placeOrder(env: Record<string, string>): Promise<string> {
    const placed = await runConveyor(
      ['orders', 'place', '--customer', 'c-1', '--email', 'c1@example.test', '--item', 'WIDGET-1:2'].concat([
        '--json',
      ]),
      { env },
    );
    expect(placed.code, placed.stderr).toBe(0);
    return (jsonOutput(placed) as { id: string }).id;
  }

  it('places an order and shows it; an unknown order exits 3', async () => {
    const { env } = await setup();
    const id = await placeOrder(env);

    const shown = await runConveyor(['orders', 'get', id, '--json'], { env });
    expect(shown.code, shown.stderr).toBe(0);
    expect(jsonOutput(shown)).toMatchObject({ id, customerId: 'c-1', items: [{ sku: 'WIDGET-1', qty: 2 }] });

    const missing = await runConveyor(['orders', 'get', 'ord_missing'], { env });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('order ord_missing not found');
  });

  it('names the field the gateway rejects in an order', async () => {
    const { env } = await setup();
    const run = await runConveyor(
      ['orders', 'place', '--customer', 'c-1', '--email', 'not-an-email', '--item', 'WIDGET-1'],
      { env },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('VALIDATION_FAILED');
    expect(run.stderr).toContain('body.email');
  });

  it('sends the API key of --api-key over CONVEYOR_API_KEY; that key decides the tenant', async () => {
    const { gateway, env } = await setup();
    const id = await placeOrder(env);
    const otherTenantKey = (await gateway.authFor(`${gateway.tenant}-other`)).authorization?.slice(7) ?? '';

    const asOther = await runConveyor(['orders', 'get', id, '--api-key', otherTenantKey], { env });
    expect(asOther.code).toBe(3);
    const asOwner = await runConveyor(['orders', 'get', id, '--api-key', gateway.apiKey], {
      env: { ...env, CONVEYOR_API_KEY: otherTenantKey },
    });
    expect(asOwner.code, asOwner.stderr).toBe(0);
  });

  it('stops with exit 2 when it has no API key, and exit 1 naming API_KEY_REVOKED for a revoked one', async () => {
    const { gateway, env } = await setup();
    const withoutKey = await runConveyor(['schedules', 'list'], { env: { ...env, CONVEYOR_API_KEY: '' } });
    expect(withoutKey.code).toBe(2);
    expect(withoutKey.stderr).toContain('set CONVEYOR_API_KEY or pass --api-key');

    const [key] = await gateway.apiKeys.list({ tenantId: gateway.tenant });
    await gateway.apiKeys.revoke(key?.id ?? '');
    const revoked = await runConveyor(['schedules', 'list'], { env });
    expect(revoked.code).toBe(1);
    expect(revoked.stderr).toContain('401 API_KEY_REVOKED');
    expect(revoked.stderr).not.toContain(gateway.apiKey);
  });

  it('watches an order until it ends: exit 0 when completed, 1 when compensated', async () => {
    const { gateway, env, tenant } = await setup();
    for (const [status, exitCode] of [
      ['completed', 0],
      ['compensated', 1],
    ] as const) {
      const id = await placeOrder(env);
      const watching = startConveyor(['orders', 'watch', id, '--json'], { env });
      // The snapshot is sent after the gateway subscribed: an event published now reaches the stream.
      await waitFor(() => watching.output().stdout.includes('"snapshot"'), { what: 'the snapshot' });
      gateway.events.publish(orderProgressSubject(tenant, id), orderProgressEvent, {
        orderId: id,
        tenantId: tenant,
        sequence: 99,
        status,
        at: new Date().toISOString(),
      });
      const run = await watching.exited;
      expect(run.code, run.stderr).toBe(exitCode);
      const lines = run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { event: string });
      expect(lines.map((line) => line.event)).toEqual(['snapshot', 'progress']);
    }
  });

  it('adds, lists and deletes a schedule; deleting it again exits 3', async () => {
    const { env } = await setup();
    const name = uniqueName('nightly');
    const added = await runConveyor(
      ['schedules', 'add', '--name', name, '--cron', '0 2 * * *', '--time-zone', 'Europe/Berlin'].concat([
        '--job-type',
        'report.daily',
        '--paused',
        '--json',
      ]),
      { env },
    );
    expect(added.code, added.stderr).toBe(0);
    const { id } = jsonOutput(added) as { id: string };

    const listed = await runConveyor(['schedules', 'list', '--json'], { env });
    expect(jsonOutput(listed)).toMatchObject({
      items: [{ id, name, cron: '0 2 * * *', timeZone: 'Europe/Berlin', paused: true }],
    });

    expect((await runConveyor(['schedules', 'delete', id], { env })).code).toBe(0);
    expect((await runConveyor(['schedules', 'delete', id], { env })).code).toBe(3);
  });

  it('pauses and resumes a schedule; an unknown schedule exits 3', async () => {
    const { env } = await setup();
    const added = await runConveyor(
      ['schedules', 'add', '--name', uniqueName('hourly'), '--cron', '0 * * * *'].concat([
        '--job-type',
        'conveyor.echo',
        '--json',
      ]),
      { env },
    );
    expect(added.code, added.stderr).toBe(0);
    const { id } = jsonOutput(added) as { id: string };

    const paused = await runConveyor(['schedules', 'pause', id, '--json'], { env });
    expect(paused.code, paused.stderr).toBe(0);
    expect(jsonOutput(paused)).toMatchObject({ id, paused: true, nextRunAt: null });
    const listed = await runConveyor(['schedules', 'list', '--json'], { env });
    expect(jsonOutput(listed)).toMatchObject({ items: [{ id, paused: true }] });

    const resumed = await runConveyor(['schedules', 'resume', id], { env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain(`resumed schedule`);
    const shown = await runConveyor(['schedules', 'list', '--json'], { env });
    const [schedule] = (jsonOutput(shown) as { items: { paused: boolean; nextRunAt: string | null }[] })
      .items;
    expect(schedule?.paused).toBe(false);
    expect(Date.parse(schedule?.nextRunAt ?? '')).toBeGreaterThan(Date.now());

    const missing = await runConveyor(['schedules', 'pause', 'sch_missing'], { env });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('schedule sch_missing not found');
  });

  it("runs a schedule's job now, as a one-off job; an unknown schedule exits 3", async () => {
    const { env } = await setup();
    const added = await runConveyor(
      ['schedules', 'add', '--name', uniqueName('nightly'), '--cron', '0 2 * * *'].concat([
        '--job-type',
        'conveyor.echo',
        '--json',
      ]),
      { env },
    );
    expect(added.code, added.stderr).toBe(0);
    const { id } = jsonOutput(added) as { id: string };

    const ran = await runConveyor(['schedules', 'run', id, '--json'], { env });
    expect(ran.code, ran.stderr).toBe(0);
    const job = jsonOutput(ran) as { id: string; status: string };
    expect(job.status).toBe('accepted');
    const shown = await runConveyor(['jobs', 'get', job.id, '--json'], { env });
    expect(jsonOutput(shown)).toMatchObject({ id: job.id, type: 'conveyor.echo' });

    expect((await runConveyor(['schedules', 'run', 'sch_missing'], { env })).code).toBe(3);
  });

  it('hands a job.requested.v1 with --delay to the gateway as a scheduled job', async () => {
    const { gateway, env, tenant } = await setup();
    const body = { jobId: uniqueName('job'), tenantId: tenant, jobType: 'conveyor.echo', payload: { n: 1 } };
    const run = await runConveyor(
      ['publish', jobRequested.name, '--data', JSON.stringify(body), '--delay', '3600000', '--json'],
      { env },
    );
    expect(run.code, run.stderr).toBe(0);
    const { jobs } = jsonOutput(run) as { jobs: { id: string; status: string; runAt: string }[] };
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.status).toBe('scheduled');
    expect(Date.parse(jobs[0]?.runAt ?? '') - Date.now()).toBeGreaterThan(3_000_000);
    const stored = await gateway.app.inject({
      method: 'GET',
      url: `/v1/jobs/${jobs[0]?.id ?? ''}`,
      headers: gateway.auth,
    });
    expect(JSON.parse(stored.body)).toMatchObject({
      type: 'conveyor.echo',
      payload: { n: 1 },
      status: 'scheduled',
    });
  });
});
