// Key guessing is slowed down: wrong keys per client address and per presented key id are limited, and
// authentication is answered before anything else, even for unknown paths and malformed URLs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, openGateway, type GatewayFixture } from './gateway-fixture.ts';

describe('gateway failed authentications', () => {
  let gateway: GatewayFixture;
  let now = 0;
  beforeEach(async () => {
    now = 1_000_000;
    gateway = await openGateway({
      options: { authFailureLimit: { perSecond: 0.5, burst: 3 }, now: () => now },
    });
  });
  afterEach(async () => {
    await gateway.cleanUp();
  });

  const withKey = (key: string, remoteAddress = '127.0.0.1') =>
    gateway.app.inject({
      method: 'GET',
      url: '/v1/schedules',
      headers: { authorization: `Bearer ${key}` },
      remoteAddress,
    });

  it('answers 429 with Retry-After once an address has sent too many wrong keys, until the bucket refills', async () => {
    const wrong = (n: number) => `cvk_${String(n).padStart(12, '0')}_${'x'.repeat(43)}`;
    for (const n of [1, 2, 3]) expect((await withKey(wrong(n))).statusCode).toBe(401);

    const limited = await withKey(wrong(4));
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('2');
    expect(json(limited)).toMatchObject({
      error: { code: 'AUTHENTICATION_RATE_LIMITED', details: { retryAfterSeconds: 2 } },
    });
    expect((await withKey(gateway.apiKey, '127.0.0.2')).statusCode).toBe(200);
    now += 2_000;
    expect((await withKey(wrong(5))).statusCode).toBe(401);
  });

  it('limits wrong secrets for one key id whatever the address', async () => {
    const id = /^cvk_([a-z0-9]+)_/.exec(gateway.apiKey)?.[1] ?? '';
    const wrongSecret = `cvk_${id}_${'y'.repeat(43)}`;
    for (const address of ['10.0.0.1', '10.0.0.2', '10.0.0.3'])
      expect((await withKey(wrongSecret, address)).statusCode).toBe(401);

    expect((await withKey(wrongSecret, '10.0.0.4')).statusCode).toBe(429);
  });

  it('does not count requests without a key', async () => {
    for (let n = 0; n < 5; n += 1)
      expect((await gateway.app.inject({ method: 'GET', url: '/v1/schedules' })).statusCode).toBe(401);
    expect((await withKey(gateway.apiKey)).statusCode).toBe(200);
  });

  it('authenticates before anything else: unknown /v1 paths and malformed URLs answer 401 without a key', async () => {
    for (const url of ['/v1/nothing-here', '/v1/orders/%zz', `/v1/jobs/${'j'.repeat(400)}`]) {
      const anonymous = await gateway.app.inject({ method: 'GET', url });
      expect(anonymous.statusCode, url).toBe(401);
      expect(json(anonymous)).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
      expect(anonymous.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(
      (await gateway.app.inject({ method: 'GET', url: '/v1/nothing-here', headers: gateway.auth }))
        .statusCode,
    ).toBe(404);
    const badUrl = await gateway.app.inject({ method: 'GET', url: '/v1/orders/%zz', headers: gateway.auth });
    expect(badUrl.statusCode).toBe(400);
    expect(json(badUrl)).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });
});
