// Secrets a request carries — its API key, passwords and card numbers in its body — never reach a log
// line, whatever the request's fate. The gateway logs through the real service logger (at trace level,
// so that everything it could write is written) into a sink this test reads.
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '@conveyor/telemetry';
import { openGateway, type GatewayFixture } from './gateway-fixture.ts';

describe('gateway logs and secrets', () => {
  let gateway: GatewayFixture;
  const lines: string[] = [];
  beforeEach(async () => {
    lines.length = 0;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(
          ...chunk
            .toString('utf8')
            .split('\n')
            .filter((line) => line !== ''),
        );
        done();
      },
    });
    gateway = await openGateway({
      logger: createLogger({ name: 'gateway', level: 'trace', destination: sink }),
    });
  });
  afterEach(async () => {
    await gateway.cleanUp();
  });

  it('writes no API key, password or card number, accepted, rejected or unauthenticated', async () => {
    const password = 'hunter2-Pa55word';
    const cardNumber = '4111111111111111';
    const spacedCard = '4111 1111 1111 1111';
    const [, keyId = ''] = /^cvk_([a-z0-9]+)_/.exec(gateway.apiKey) ?? [];
    const wrongKey = `cvk_${keyId}_${'W'.repeat(43)}`;
    const json = { 'content-type': 'application/json' };
    const requests = [
      // Accepted: the payload is stored and published, the key authenticates.
      {
        method: 'POST',
        url: '/v1/jobs',
        headers: { ...gateway.auth, ...json },
        payload: JSON.stringify({
          type: 'report.daily',
          payload: { password, card: { number: cardNumber } },
        }),
      },
      // Rejected by its schema: unknown fields are named, their values are not.
      {
        method: 'POST',
        url: '/v1/orders',
        headers: { 'x-api-key': gateway.apiKey, ...json },
        payload: JSON.stringify({
          customerId: 'c',
          email: 'c@example.test',
          items: [],
          password,
          cardNumber: spacedCard,
        }),
      },
      // Not JSON at all.
      {
        method: 'POST',
        url: '/v1/orders',
        headers: { ...gateway.auth, ...json },
        payload: `{"password": ${password}`,
      },
      // A wrong secret for a real key id, and a key in the query string (which ends up in the logged URL).
      { method: 'GET', url: '/v1/schedules', headers: { authorization: `Bearer ${wrongKey}` } },
      { method: 'GET', url: `/v1/schedules?api_key=${gateway.apiKey}` },
    ] as const;
    const statuses = [];
    for (const request of requests) statuses.push((await gateway.app.inject(request)).statusCode);

    expect(statuses).toEqual([202, 400, 400, 401, 401]);
    // The sink saw the requests, and names the key by its id only.
    expect(lines.filter((line) => line.includes('"incoming request"'))).toHaveLength(requests.length);
    expect(lines.some((line) => line.includes(`"keyId":"${keyId}"`))).toBe(true);
    const secretPart = gateway.apiKey.slice(`cvk_${keyId}_`.length);
    for (const line of lines) {
      for (const secret of [gateway.apiKey, secretPart, 'W'.repeat(43), password, cardNumber, spacedCard]) {
        expect(line).not.toContain(secret);
      }
    }
  });
});
