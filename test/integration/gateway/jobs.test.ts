import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobRequestedRoutingKey } from '@conveyor/contracts';
import { json, openGateway, type GatewayFixture } from './gateway-fixture.ts';

describe('gateway jobs', () => {
  let gateway: GatewayFixture;
  beforeEach(async () => {
    gateway = await openGateway();
  });
  afterEach(async () => {
    await gateway.cleanUp();
  });

  const submit = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    gateway.app.inject({
      method: 'POST',
      url: '/v1/jobs',
      headers: { ...gateway.auth, ...headers },
      payload: body,
    });
  const read = (id: unknown, auth = gateway.auth) =>
    gateway.app.inject({ method: 'GET', url: `/v1/jobs/${String(id)}`, headers: auth });

  it('accepts a job due now with 202 and Location, and publishes job.requested.v1', async () => {
    const queue = await gateway.bindQueue(jobRequestedRoutingKey('report.daily'));
    const response = await submit({ type: 'report.daily', payload: { day: '2026-01-01' }, priority: 7 });

    expect(response.statusCode).toBe(202);
    const accepted = json(response);
    expect(accepted).toMatchObject({ status: 'accepted', runAt: null });
    expect(response.headers['location']).toBe(`/v1/jobs/${String(accepted['id'])}`);

    const message = await gateway.receive(
      queue,
      (body) => (body as { jobId?: unknown }).jobId === accepted['id'],
      'job.requested.v1 of the new job',
    );
    expect(JSON.parse(message.content.toString('utf8'))).toEqual({
      jobId: accepted['id'],
      tenantId: gateway.tenant,
      jobType: 'report.daily',
      payload: { day: '2026-01-01' },
    });
    expect(message.properties.priority).toBe(7);

    const stored = await read(accepted['id']);
    expect(stored.statusCode).toBe(200);
    expect(json(stored)).toMatchObject({
      id: accepted['id'],
      type: 'report.daily',
      status: 'accepted',
      priority: 7,
    });
  });

  it('stores a job due later as scheduled, with its runAt, without publishing it', async () => {
    const runAt = new Date(Date.now() + 60 * 60_000);
    const response = await submit({ type: 'report.daily', runAt: runAt.toISOString() });

    expect(response.statusCode).toBe(202);
    const accepted = json(response);
    expect(accepted).toMatchObject({ status: 'scheduled', runAt: runAt.toISOString() });
    const document = await gateway.store.db
      .collection('jobs')
      .findOne({ _id: String(accepted['id']) } as never);
    expect(document).toMatchObject({ tenantId: gateway.tenant, status: 'scheduled', runAt });
    expect(document).not.toHaveProperty('outbox');
  });

  it('schedules a job given a delay', async () => {
    const before = Date.now();
    const accepted = json(await submit({ type: 'report.daily', delayMs: 30_000 }));

    expect(accepted['status']).toBe('scheduled');
    expect(Date.parse(String(accepted['runAt']))).toBeGreaterThanOrEqual(before + 30_000);
  });

  it('rejects runAt together with delayMs with 400 naming delayMs', async () => {
    const response = await submit({ type: 'report.daily', delayMs: 10, runAt: new Date().toISOString() });

    expect(response.statusCode).toBe(400);
    expect(json(response)).toMatchObject({ error: { details: [{ field: 'delayMs' }] } });
  });

  it('rejects a payload key a document store cannot hold with 400 naming it', async () => {
    const response = await submit({ type: 'report.daily', payload: { nested: { 'a.b': 1 } } });

    expect(response.statusCode).toBe(400);
    expect(json(response)).toMatchObject({ error: { details: [{ field: 'payload.nested.a.b' }] } });
  });

  it('returns the same job for the same Idempotency-Key, and 409 for another body', async () => {
    const first = json(await submit({ type: 'report.daily' }, { 'idempotency-key': 'k1' }));
    const again = await submit({ type: 'report.daily' }, { 'idempotency-key': 'k1' });
    const other = await submit({ type: 'report.weekly' }, { 'idempotency-key': 'k1' });

    expect(again.statusCode).toBe(202);
    expect(json(again)['id']).toBe(first['id']);
    expect(other.statusCode).toBe(409);
  });

  it("answers 404 for an unknown job and for another tenant's job", async () => {
    const accepted = json(await submit({ type: 'report.daily' }));

    expect((await read('job_unknown')).statusCode).toBe(404);
    const otherTenant = await gateway.authFor(`${gateway.tenant}-other`);
    expect((await read(accepted['id'], otherTenant)).statusCode).toBe(404);
    expect((await read(accepted['id'])).statusCode).toBe(200);
  });
});
