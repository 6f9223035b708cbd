// With MongoDB unreachable, a page that reads it is a 503 page with Retry-After, not a 500: the
// dashboard's store connects through a proxy that the test cuts.
import { trace } from '@opentelemetry/api';
import type { Bus } from '@conveyor/bus';
import { buildDashboard } from '@conveyor/dashboard';
import { connectEvents, type EventsClient } from '@conveyor/events';
import { connectStore, type Store } from '@conveyor/store';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverUrls, uniqueName } from '../../support/index.ts';
import { openBus, silentLogger } from '../bus/bus-fixture.ts';
import { startClosableProxy, type ClosableProxy } from '../gateway/closable-proxy.ts';

const adminKey = 'test-admin-key-database-unavailable';

describe('dashboard with the database unreachable', () => {
  let proxy: ClosableProxy;
  let store: Store;
  let bus: Bus;
  let events: EventsClient;
  let app: FastifyInstance;
  beforeAll(async () => {
    proxy = await startClosableProxy(serverUrls().mongoUrl);
    store = await connectStore({
      url: proxy.url,
      dbName: uniqueName('dashboard_outage'),
      logger: silentLogger,
      appName: 'dashboard-database-unavailable-test',
      // Short, so that each page gives up on the unreachable server quickly.
      serverSelectionTimeoutMs: 500,
    });
    bus = await openBus(uniqueName('dashboard-outage-test'));
    events = await connectEvents({
      servers: serverUrls().natsUrl,
      name: uniqueName('dashboard-outage-test'),
      logger: silentLogger,
      tracer: trace.getTracer('dashboard-outage-test'),
    });
    app = buildDashboard({
      store,
      bus,
      events,
      logger: silentLogger,
      options: {
        adminKey,
        sessionHours: 1,
        cookieSecure: false,
        loginFailureLimit: { perSecond: 1, burst: 10 },
        traceUiUrl: undefined,
        queues: [],
        metricsUrls: [],
        metricsTimeoutMs: 500,
        progressPollMs: 1_000,
      },
    });
  });
  afterAll(async () => {
    await app.close();
    await events.close();
    await bus.close();
    await proxy.cut();
    // Nothing was written through the proxy: the database was never created.
    await store.close();
  });

  it('answers a page that reads it with a 503 page and Retry-After', async () => {
    const headers = { authorization: `Bearer ${adminKey}` };
    const before = await app.inject({ method: 'GET', url: '/orders', headers });
    expect(before.statusCode, 'through the proxy while it is up').toBe(200);

    await proxy.cut();

    for (const url of ['/orders', '/schedules', '/orders/ord_missing']) {
      const response = await app.inject({ method: 'GET', url, headers });
      expect(response.statusCode, `${url}: ${response.body.slice(0, 500)}`).toBe(503);
      expect(response.headers['retry-after'], url).toBe('5');
      expect(response.headers['content-type'], url).toMatch(/^text\/html/);
      expect(response.body, url).toContain('the database is unreachable right now; try again shortly');
      expect(response.body, 'no address of ours on the page').not.toContain('127.0.0.1');
    }
  });
});
