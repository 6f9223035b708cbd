// After a login the dashboard goes on to `next`, which must stay on the dashboard's own origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDashboardFixture, type DashboardFixture } from './dashboard-fixture.ts';

describe('dashboard login redirect (next)', () => {
  let fixture: DashboardFixture;
  beforeAll(async () => {
    fixture = await openDashboardFixture();
  }, 60_000);
  afterAll(async () => {
    await fixture.cleanUp();
  });

  const loginTo = async (next: string) => {
    const response = await fetch(`${fixture.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ key: fixture.adminKey, next }).toString(),
      redirect: 'manual',
    });
    expect(response.status, next).toBe(303);
    return response.headers.get('location');
  };

  it('goes on to a path of the dashboard, query included', async () => {
    expect(await loginTo('/orders?status=failed')).toBe('/orders?status=failed');
  });

  it('never leaves the origin: control characters, backslashes and scheme-relative paths give /queues', async () => {
    for (const next of [
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      '\\/evil.example',
      '/%0a/x\u0000',
      'https://evil.example/',
      '/queues\u007f',
    ])
      expect(await loginTo(next), JSON.stringify(next)).toBe('/queues');
  });
});
