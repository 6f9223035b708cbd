// With MongoDB unreachable, a /v1 route that reads it answers 503 DATABASE_UNAVAILABLE in the error
// shape, with Retry-After, not a 500: the gateway's store connects through a proxy that the test cuts.
import { trace } from '@opentelemetry/api';
import { buildGateway, type GatewayApp } from '@conveyor/gateway';
import { connectStore, type Store } from '@conveyor/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverUrls } from '../../support/index.ts';
import { startClosableProxy, type ClosableProxy } from './closable-proxy.ts';
import { json, openGateway, silentLogger, type GatewayFixture } from './gateway-fixture.ts';

describe('gateway with the database unreachable', () => {
  let fixture: GatewayFixture;
  let proxy: ClosableProxy;
  let store: Store;
  let app: GatewayApp;
  beforeAll(async () => {
    fixture = await openGateway();
    proxy = await startClosableProxy(serverUrls().mongoUrl);
    store = await connectStore({
      url: proxy.url,
      dbName: fixture.store.db.databaseName,
      logger: silentLogger,
      appName: 'gateway-database-unavailable-test',
      // Short, so that each request gives up on the unreachable server quickly.
      serverSelectionTimeoutMs: 500,
    });
    app = buildGateway({
      store,
      bus: fixture.bus,
      events: fixture.events,
      logger: silentLogger,
      tracer: trace.getTracer('gateway-database-unavailable-test'),
    });
  });
  afterAll(async () => {
    await app.close();
    await proxy.cut();
    await store.close();
    await fixture.cleanUp();
  });

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After, in the error shape, on routes that read it', async () => {
    const before = await app.inject({ method: 'GET', url: '/v1/orders/ord_missing', headers: fixture.auth });
    expect(before.statusCode, 'through the proxy while it is up').toBe(404);

    await proxy.cut();

    for (const url of ['/v1/orders/ord_missing', '/v1/schedules']) {
      const response = await app.inject({ method: 'GET', url, headers: fixture.auth });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(503);
      expect(response.headers['retry-after'], url).toBe('5');
      expect(json(response), url).toEqual({
        error: {
          code: 'DATABASE_UNAVAILABLE',
          message: 'the database is unreachable right now; try again shortly',
          details: { retryAfterSeconds: 5 },
        },
      });
      expect(response.body, 'no address of ours in the answer').not.toContain('127.0.0.1');
    }
  });
});
