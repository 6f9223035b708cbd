import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trace } from '@opentelemetry/api';
import { startGateway, type RunningGateway } from '@conveyor/gateway';
import { ApiKeyIdTakenError } from '@conveyor/api-keys';
import { json, openGateway, silentLogger, type GatewayFixture } from './gateway-fixture.ts';

describe('gateway development API key (GATEWAY_DEV_API_KEY)', () => {
  let fixture: GatewayFixture;
  let running: RunningGateway | undefined;
  let devKey: string;
  beforeEach(async () => {
    fixture = await openGateway();
    devKey = `cvk_dev${randomBytes(4).toString('hex')}_local-development-only-not-a-secret`;
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
    await fixture.cleanUp();
  });

  const start = () =>
    startGateway({
      store: fixture.store,
      bus: fixture.bus,
      events: fixture.events,
      logger: silentLogger,
      tracer: trace.getTracer('dev-api-key-test'),
      port: 0,
      host: '127.0.0.1',
      outboxGraceMs: 60_000,
      outboxIntervalMs: 60_000,
      devApiKey: { key: devKey, tenantId: fixture.tenant },
    });
  const listSchedules = (gateway: RunningGateway) =>
    gateway.app.inject({
      method: 'GET',
      url: '/v1/schedules',
      headers: { authorization: `Bearer ${devKey}` },
    });

  it('is stored hashed at start-up and authenticates for its tenant at once', async () => {
    running = await start();

    expect((await listSchedules(running)).statusCode).toBe(200);
    const record = await fixture.store.db
      .collection('api_keys')
      .findOne({ _id: devKey.split('_')[1] } as never);
    expect(record).toMatchObject({
      tenantId: fixture.tenant,
      label: expect.stringContaining('GATEWAY_DEV_API_KEY') as unknown,
    });
    expect(JSON.stringify(record)).not.toContain('local-development-only');
  });

  it('is provisioned once across restarts, and a revoked development key stays revoked', async () => {
    running = await start();
    await running.stop();
    running = await start();
    expect(
      (await fixture.apiKeys.list({ includeRevoked: true })).filter((key) => key.id.startsWith('dev')),
    ).toHaveLength(1);

    await running.stop();
    await fixture.apiKeys.revoke(devKey.split('_')[1] ?? '');
    running = await start();
    const refused = await listSchedules(running);
    expect(refused.statusCode).toBe(401);
    expect(json(refused)).toMatchObject({ error: { code: 'API_KEY_REVOKED' } });
  });

  it('refuses to start when its id belongs to another key', async () => {
    await fixture.apiKeys.provision(devKey.replace('not-a-secret', 'other-secret'), {
      tenantId: fixture.tenant,
      label: 'someone else',
    });

    await expect(start()).rejects.toBeInstanceOf(ApiKeyIdTakenError);
  });
});
