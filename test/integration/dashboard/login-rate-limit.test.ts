// Wrong admin keys are limited per client address: past LOGIN_FAILURE_BURST of them, POST /login (and
// a Bearer key) is answered 429 with Retry-After before the key is even compared, the right key too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDashboardFixture, type DashboardFixture } from './dashboard-fixture.ts';

const burst = 3;

describe('dashboard login rate limit', () => {
  let fixture: DashboardFixture;
  beforeAll(async () => {
    // One token back every 1000 s: none comes back while the test runs.
    fixture = await openDashboardFixture({
      LOGIN_FAILURE_BURST: String(burst),
      LOGIN_FAILURE_PER_SECOND: '0.001',
    });
  }, 60_000);
  afterAll(async () => {
    await fixture.cleanUp();
  });

  const logIn = (key: string) =>
    fetch(`${fixture.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ key, next: '/queues' }).toString(),
      redirect: 'manual',
    });

  it('answers 429 with Retry-After after LOGIN_FAILURE_BURST wrong keys, even for the right key', async () => {
    const good = await logIn(fixture.adminKey);
    expect(good.status, 'a good login costs nothing').toBe(303);
    for (let attempt = 1; attempt <= burst; attempt += 1) {
      const wrong = await logIn(`wrong-key-number-${attempt}`);
      expect(wrong.status, `wrong key ${attempt}`).toBe(401);
    }

    const limited = await logIn('wrong-key-once-more');
    expect(limited.status, fixture.logs()).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('content-type')).toMatch(/^text\/html/);
    expect(limited.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await limited.text();
    expect(page).toContain('Too many attempts');
    expect(page).toMatch(/try again in \d+ s/);

    const right = await logIn(fixture.adminKey);
    expect(right.status, 'the key is not even compared while limited').toBe(429);
    expect(right.headers.get('set-cookie')).toBeNull();

    const bearer = await fetch(`${fixture.url}/queues`, {
      headers: { authorization: `Bearer ${fixture.adminKey}` },
    });
    expect(bearer.status, 'a Bearer key from that address waits too').toBe(429);
    expect(Number(bearer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
