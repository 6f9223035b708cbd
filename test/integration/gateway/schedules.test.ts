import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, openGateway, type GatewayFixture } from './gateway-fixture.ts';

const nightly = {
  name: 'nightly-report',
  cron: '30 2 * * *',
  timeZone: 'Europe/Paris',
  job: { type: 'report.daily', payload: { format: 'pdf' } },
};

describe('gateway schedules', () => {
  let gateway: GatewayFixture;
  beforeEach(async () => {
    gateway = await openGateway();
  });
  afterEach(async () => {
    await gateway.cleanUp();
  });

  const request = (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    payload?: Record<string, unknown>,
    auth = gateway.auth,
  ) =>
    gateway.app.inject({
      method,
      url,
      headers: auth,
      ...(payload === undefined ? {} : { payload }),
    });

  it('creates, lists, reads and deletes a schedule', async () => {
    const created = await request('POST', '/v1/schedules', nightly);
    expect(created.statusCode).toBe(201);
    const schedule = json(created);
    expect(schedule).toMatchObject({
      ...nightly,
      job: { ...nightly.job, priority: 1 },
      overlap: 'skip',
      misfire: 'fire-once',
      paused: false,
    });
    expect(created.headers['location']).toBe(`/v1/schedules/${String(schedule['id'])}`);
    // 02:30 in Paris is 00:30 or 01:30 UTC, depending on daylight saving time.
    expect(String(schedule['nextRunAt'])).toMatch(/T0[01]:30:00\.000Z$/);

    const listed = json(await request('GET', '/v1/schedules'));
    expect(listed['items']).toEqual([schedule]);
    expect(json(await request('GET', `/v1/schedules/${String(schedule['id'])}`))).toEqual(schedule);

    const deleted = await request('DELETE', `/v1/schedules/${String(schedule['id'])}`);
    expect(deleted.statusCode).toBe(204);
    expect((await request('GET', `/v1/schedules/${String(schedule['id'])}`)).statusCode).toBe(404);
    expect((await request('DELETE', `/v1/schedules/${String(schedule['id'])}`)).statusCode).toBe(404);
  });

  it('stores what the scheduler reads', async () => {
    const schedule = json(
      await request('POST', '/v1/schedules', { ...nightly, overlap: 'allow', paused: true }),
    );
    const document = await gateway.store.db
      .collection('schedules')
      .findOne({ _id: String(schedule['id']) } as never);

    expect(document).toMatchObject({
      tenantId: gateway.tenant,
      name: 'nightly-report',
      cron: '30 2 * * *',
      timeZone: 'Europe/Paris',
      job: { type: 'report.daily', payload: { format: 'pdf' }, priority: 1 },
      overlap: 'allow',
      misfire: 'fire-once',
      paused: true,
    });
    expect(document?.['createdAt']).toBeInstanceOf(Date);
    expect(schedule['nextRunAt']).toBeNull();
  });

  it('rejects a bad cron expression with 400 naming cron', async () => {
    const response = await request('POST', '/v1/schedules', { ...nightly, cron: '61 * * * *' });

    expect(response.statusCode).toBe(400);
    expect(json(response)).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: [{ location: 'body', field: 'cron' }] },
    });
  });

  it('rejects an unknown time zone with 400 naming timeZone', async () => {
    const response = await request('POST', '/v1/schedules', { ...nightly, timeZone: 'Mars/Olympus' });

    expect(response.statusCode).toBe(400);
    expect(json(response)).toMatchObject({
      error: { details: [{ field: 'timeZone', message: 'not an IANA time zone' }] },
    });
  });

  it('answers 409 for a second schedule of the same name', async () => {
    await request('POST', '/v1/schedules', nightly);
    const duplicate = await request('POST', '/v1/schedules', { ...nightly, cron: '0 3 * * *' });

    expect(duplicate.statusCode).toBe(409);
    expect(json(duplicate)).toMatchObject({ error: { code: 'SCHEDULE_NAME_TAKEN' } });
  });

  it('pauses and resumes a schedule, recording when; pausing twice changes nothing', async () => {
    const schedule = json(await request('POST', '/v1/schedules', nightly));
    const id = String(schedule['id']);
    const stored = () =>
      gateway.store.db
        .collection<{ _id: string; pausedAt?: Date; resumedAt?: Date }>('schedules')
        .findOne({ _id: id });

    const paused = await request('POST', `/v1/schedules/${id}/pause`);
    expect(paused.statusCode).toBe(200);
    expect(json(paused)).toMatchObject({ id, paused: true, nextRunAt: null });
    const pausedAt = (await stored())?.['pausedAt'];
    expect(pausedAt).toBeInstanceOf(Date);
    expect(json(await request('POST', `/v1/schedules/${id}/pause`))).toMatchObject({ paused: true });
    expect((await stored())?.['pausedAt']).toEqual(pausedAt);

    const resumed = await request('POST', `/v1/schedules/${id}/resume`);
    expect(resumed.statusCode).toBe(200);
    expect(json(resumed)).toMatchObject({ id, paused: false });
    expect(String(json(resumed)['nextRunAt'])).toMatch(/T0[01]:30:00\.000Z$/);
    const resumedAt = (await stored())?.['resumedAt'];
    expect(resumedAt).toBeInstanceOf(Date);
    // Resuming a running schedule must not move resumedAt: the scheduler would skip fire times.
    await request('POST', `/v1/schedules/${id}/resume`);
    expect((await stored())?.['resumedAt']).toEqual(resumedAt);
  });

  it('answers 404 when pausing or resuming an unknown schedule or another tenant’s', async () => {
    const schedule = json(await request('POST', '/v1/schedules', nightly));
    const other = await gateway.authFor(`${gateway.tenant}-other`);

    expect((await request('POST', '/v1/schedules/sch_missing/pause')).statusCode).toBe(404);
    expect(json(await request('POST', '/v1/schedules/sch_missing/resume'))).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect(
      (await request('POST', `/v1/schedules/${String(schedule['id'])}/pause`, undefined, other)).statusCode,
    ).toBe(404);
    expect(json(await request('GET', `/v1/schedules/${String(schedule['id'])}`))).toMatchObject({
      paused: false,
    });
  });

  it("keeps each tenant's schedules to itself", async () => {
    const schedule = json(await request('POST', '/v1/schedules', nightly));
    const other = await gateway.authFor(`${gateway.tenant}-other`);

    expect(json(await request('GET', '/v1/schedules', undefined, other))['items']).toEqual([]);
    expect(
      (await request('GET', `/v1/schedules/${String(schedule['id'])}`, undefined, other)).statusCode,
    ).toBe(404);
    expect(
      (await request('DELETE', `/v1/schedules/${String(schedule['id'])}`, undefined, other)).statusCode,
    ).toBe(404);
    // The same name is free in another tenant.
    expect((await request('POST', '/v1/schedules', nightly, other)).statusCode).toBe(201);
  });
});
