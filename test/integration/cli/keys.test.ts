import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uniqueName } from '../../support/index.ts';
import { json, openGateway, type GatewayFixture } from '../gateway/gateway-fixture.ts';
import { jsonOutput, runConveyor } from './conveyor-process.ts';

interface KeyView {
  id: string;
  tenantId: string;
  label: string;
  revokedAt: string | null;
}

describe('conveyor keys create, list and revoke', () => {
  let gateway: GatewayFixture;
  let env: Record<string, string>;
  beforeEach(async () => {
    gateway = await openGateway();
    env = { MONGO_DB: gateway.store.db.databaseName };
  });
  afterEach(async () => {
    await gateway.cleanUp();
  });

  const listSchedules = (key: string) =>
    gateway.app.inject({ method: 'GET', url: '/v1/schedules', headers: { authorization: `Bearer ${key}` } });

  it('creates a key that works at once, printing it alone on stdout and storing only its hash', async () => {
    const tenant = uniqueName('acme');
    const run = await runConveyor(['keys', 'create', '--tenant', tenant, '--label', 'ci pipeline'], { env });

    expect(run.code, run.stderr).toBe(0);
    const key = run.stdout.trim();
    expect(key).toMatch(/^cvk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(run.stderr).toContain('shown only this once');
    expect((await listSchedules(key)).statusCode).toBe(200);
    const stored = await gateway.store.db.collection('api_keys').find({ tenantId: tenant }).toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      label: 'ci pipeline',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
    });
    expect(JSON.stringify(stored)).not.toContain(key.slice(-43));
  });

  it('lists keys without their secrets, by tenant, and revoked ones only with --all', async () => {
    const tenant = uniqueName('acme');
    const created = jsonOutput(
      await runConveyor(['keys', 'create', '--tenant', tenant, '--json'], { env }),
    ) as KeyView & { key: string };
    await runConveyor(['keys', 'create', '--tenant', tenant], { env });
    await runConveyor(['keys', 'revoke', created.id], { env });

    const active = jsonOutput(await runConveyor(['keys', 'list', '--tenant', tenant, '--json'], { env })) as {
      items: KeyView[];
    };
    const all = jsonOutput(
      await runConveyor(['keys', 'list', '--tenant', tenant, '--all', '--json'], { env }),
    ) as {
      items: KeyView[];
    };
    const table = await runConveyor(['keys', 'list', '--all'], { env });

    expect(active.items).toHaveLength(1);
    expect(active.items[0]?.id).not.toBe(created.id);
    expect(all.items.map((key) => key.id)).toContain(created.id);
    expect(all.items.find((key) => key.id === created.id)?.revokedAt).not.toBeNull();
    expect(table.stdout).toContain(created.id);
    expect(table.stdout).toContain(gateway.tenant);
    for (const output of [JSON.stringify(all), table.stdout]) expect(output).not.toContain(created.key);
  });

  it('revokes a key so that the gateway refuses it with 401; an unknown id exits 3', async () => {
    const [key] = await gateway.apiKeys.list({ tenantId: gateway.tenant });
    const revoked = await runConveyor(['keys', 'revoke', key?.id ?? '', '--json'], { env });
    const again = await runConveyor(['keys', 'revoke', key?.id ?? ''], { env });
    const unknown = await runConveyor(['keys', 'revoke', 'nosuchkey000'], { env });

    expect(revoked.code, revoked.stderr).toBe(0);
    expect(jsonOutput(revoked)).toMatchObject({ id: key?.id, tenantId: gateway.tenant, revokedNow: true });
    const refused = await listSchedules(gateway.apiKey);
    expect(refused.statusCode).toBe(401);
    expect(json(refused)).toMatchObject({ error: { code: 'API_KEY_REVOKED' } });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('was already revoked');
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('API key nosuchkey000 not found');
  });

  it('refuses a missing or malformed tenant with exit 2 before touching the database', async () => {
    const missing = await runConveyor(['keys', 'create'], {
      env: { ...env, MONGO_URL: 'mongodb://127.0.0.1:1' },
    });
    const malformed = await runConveyor(['keys', 'create', '--tenant', 'Not A Tenant'], {
      env: { ...env, MONGO_URL: 'mongodb://127.0.0.1:1' },
    });

    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing --tenant');
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--tenant must be lowercase letters, digits and -');
  });
});
