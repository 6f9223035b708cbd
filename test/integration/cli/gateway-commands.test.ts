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
    return { gateway, env: { GATEWAY_URL: `http://127.0.0.1:${port}` }, tenant: gateway.tenant };
  }

  async function placeOrder(env: Record<string, string>, tenant: string): Promise<string> {
    const placed = await runConveyor(
      ['orders', 'place', '--customer', 'c-1', '--email', 'c1@example.test', '--item', 'WIDGET-1:2'].concat([
        '--tenant',
        tenant,
        '--json',
      ]),
      { env },
    );
    expect(placed.code, placed.stderr).toBe(0);
    return (jsonOutput(placed) as { id: string }).id;
  }

  it('places an order and shows it; an unknown order exits 3', async () => {
    const { env, tenant } = await setup();
    const id = await placeOrder(env, tenant);

    const shown = await runConveyor(['orders', 'get', id, '--tenant', tenant, '--json'], { env });
    expect(shown.code, shown.stderr).toBe(0);
    expect(jsonOutput(shown)).toMatchObject({ id, customerId: 'c-1', items: [{ sku: 'WIDGET-1', qty: 2 }] });

    const missing = await runConveyor(['orders', 'get', 'ord_missing', '--tenant', tenant], { env });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('order ord_missing not found');
  });

  it('names the field the gateway rejects in an order', async () => {
    const { env, tenant } = await setup();
    const run = await runConveyor(
      [
        'orders',
        'place',
        '--customer',
        'c-1',
        '--email',
        'not-an-email',
        '--item',
        'WIDGET-1',
        '--tenant',
        tenant,
      ],
      { env },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('VALIDATION_FAILED');
    expect(run.stderr).toContain('body.email');
  });

  it('watches an order until it ends: exit 0 when completed, 1 when compensated', async () => {
    const { gateway, env, tenant } = await setup();
    for (const [status, exitCode] of [
      ['completed', 0],
      ['compensated', 1],
    ] as const) {
      const id = await placeOrder(env, tenant);
      const watching = startConveyor(['orders', 'watch', id, '--tenant', tenant, '--json'], { env });
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
    const { env, tenant } = await setup();
    const name = uniqueName('nightly');
    const added = await runConveyor(
      ['schedules', 'add', '--name', name, '--cron', '0 2 * * *', '--time-zone', 'Europe/Berlin'].concat([
        '--job-type',
        'report.daily',
        '--paused',
        '--tenant',
        tenant,
        '--json',
      ]),
      { env },
    );
    expect(added.code, added.stderr).toBe(0);
    const { id } = jsonOutput(added) as { id: string };

    const listed = await runConveyor(['schedules', 'list', '--tenant', tenant, '--json'], { env });
    expect(jsonOutput(listed)).toMatchObject({
      items: [{ id, name, cron: '0 2 * * *', timeZone: 'Europe/Berlin', paused: true }],
    });

    expect((await runConveyor(['schedules', 'delete', id, '--tenant', tenant], { env })).code).toBe(0);
    expect((await runConveyor(['schedules', 'delete', id, '--tenant', tenant], { env })).code).toBe(3);
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
      headers: { 'x-tenant-id': tenant },
    });
    expect(JSON.parse(stored.body)).toMatchObject({
      type: 'conveyor.echo',
      payload: { n: 1 },
      status: 'scheduled',
    });
  });
});
