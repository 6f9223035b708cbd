import { afterEach, describe, expect, it } from 'vitest';
import { trace } from '@opentelemetry/api';
import { defaultMaxBodyBytes, Exchange, Header } from '@conveyor/bus';
import { randomUUID } from 'node:crypto';
import { jobRequested, jobRequestedRoutingKey, orderPlaced } from '@conveyor/contracts';
import { createOrder, orderMessageIds } from '@conveyor/orders';
import { startGateway, type RunningGateway } from '@conveyor/gateway';
import { submitJob } from '@conveyor/jobs';
import { outboxEntries, outboxFields, outboxSetAsideQueue, recordPendingOutbox } from '@conveyor/outbox';
import { createDeadLetterStore } from '@conveyor/store';
import { waitFor } from '../../support/index.ts';
import { json, openGateway, silentLogger, type GatewayFixture } from './gateway-fixture.ts';

describe('gateway outbox relay', () => {
  let gateway: GatewayFixture | undefined;
  let running: RunningGateway | undefined;
  afterEach(async () => {
    await running?.stop();
    await gateway?.cleanUp();
  });

  async function start(fixture: GatewayFixture): Promise<RunningGateway> {
    return startGateway({
      store: fixture.store,
      bus: fixture.bus,
      events: fixture.events,
      logger: silentLogger,
      tracer: trace.getTracer('gateway-test'),
      port: 0,
      host: '127.0.0.1',
      outboxGraceMs: 500,
      outboxIntervalMs: 100,
    });
  }

  /** What a gateway that died between its write and its publish leaves: submitJob's writes only. */
  function acceptAndCrash(fixture: GatewayFixture, key: string, now: Date) {
    return submitJob(fixture.store, {
      tenantId: fixture.tenant,
      type: 'report.daily',
      payload: { key },
      priority: 5,
      runAt: null,
      idempotencyKey: key,
      requestHash: key,
      traceId: null,
      now,
    });
  }

  it('publishes what a request that crashed after its write left unsent', async () => {
    gateway = await openGateway();
    const queue = await gateway.bindQueue(jobRequestedRoutingKey('report.daily'));
    running = await start(gateway);
    const { job } = await acceptAndCrash(gateway, 'left-behind', new Date());

    const message = await gateway.receive(
      queue,
      (body) => (body as { jobId?: unknown }).jobId === job._id,
      'the relay to publish the unsent job.requested.v1',
    );
    expect(message.properties.messageId).toBe(`${job._id}:requested`);

    // And the API of the running service answers on its port.
    const health = await fetch(`http://127.0.0.1:${running.port}/healthz`);
    expect(json({ body: await health.text() })).toEqual({ status: 'ok' });
  });

  it('publishes a job whose writer clock was an hour behind, accepted after the relay had moved on', async () => {
    gateway = await openGateway();
    const queue = await gateway.bindQueue(jobRequestedRoutingKey('report.daily'));
    running = await start(gateway);
    const first = await acceptAndCrash(gateway, 'on-time', new Date());
    await gateway.receive(
      queue,
      (body) => (body as { jobId?: unknown }).jobId === first.job._id,
      'the first job to be relayed',
    );

    // Also what an idempotent request completed long after its first try looks like: an old createdAt.
    const late = await acceptAndCrash(gateway, 'an-hour-behind', new Date(Date.now() - 60 * 60_000));

    const message = await gateway.receive(
      queue,
      (body) => (body as { jobId?: unknown }).jobId === late.job._id,
      'the relay to publish the job written an hour behind',
    );
    expect(message.properties.messageId).toBe(`${late.job._id}:requested`);
  });

  it('publishes an order whose writer clock was an hour behind, created after the relay had moved on', async () => {
    gateway = await openGateway();
    const queue = await gateway.bindQueue(orderPlaced.name);
    running = await start(gateway);
    const orderId = `ord_${randomUUID().replaceAll('-', '')}`;
    // What a gateway that died between its write and its publish leaves: createOrder's writes only.
    await createOrder(gateway.store, {
      orderId,
      tenantId: gateway.tenant,
      customerId: 'late-customer',
      email: 'late@example.com',
      items: [{ sku: 'WIDGET-1', qty: 1 }],
      express: false,
      now: new Date(Date.now() - 60 * 60_000),
    });

    const message = await gateway.receive(
      queue,
      (body) => (body as { orderId?: unknown }).orderId === orderId,
      'the relay to publish the order written an hour behind',
    );
    expect(message.properties.messageId).toBe(orderMessageIds.placed(orderId));
  });

  it('sets aside a job message too large to publish as a dead letter, and publishes the next job', async () => {
    gateway = await openGateway();
    const { store, tenant } = gateway;
    const queue = await gateway.bindQueue(jobRequestedRoutingKey('report.daily'));
    // Written as a gateway without the size check at accept time did: a payload the bus refuses.
    const jobId = 'job_too_large';
    const createdAt = new Date();
    const entries = outboxEntries(
      [
        {
          messageId: `${jobId}:requested`,
          exchange: Exchange.events,
          routingKey: jobRequested.name,
          type: jobRequested.name,
          body: {
            jobId,
            tenantId: tenant,
            jobType: 'report.daily',
            payload: { blob: 'x'.repeat(defaultMaxBodyBytes) },
          },
          headers: { [Header.tenant]: tenant },
          priority: 5,
        },
      ],
      createdAt,
    );
    await recordPendingOutbox(store, { collection: 'jobs', docId: jobId, entries });
    await store.db.collection('jobs').insertOne({
      _id: jobId,
      tenantId: tenant,
      type: 'report.daily',
      payload: {},
      priority: 5,
      status: 'accepted',
      history: [{ at: createdAt, event: 'accepted' }],
      createdAt,
      updatedAt: createdAt,
      ...outboxFields(entries),
    } as never);
    const next = await acceptAndCrash(gateway, 'after-the-large-one', new Date());
    running = await start(gateway);

    await gateway.receive(
      queue,
      (body) => (body as { jobId?: unknown }).jobId === next.job._id,
      'the job after the one too large to be published',
    );
    const letters = await waitFor(
      async () => {
        const page = await createDeadLetterStore(store).list({ queue: outboxSetAsideQueue('jobs') });
        return page.entries.length > 0 ? page.entries : undefined;
      },
      { what: 'the too-large entry to be set aside' },
    );
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      messageId: `${jobId}:requested`,
      reason: 'too-large',
      type: jobRequested.name,
      origin: { exchange: Exchange.events, routingKey: jobRequested.name },
    });
    await waitFor(async () => (await store.db.collection('outbox_pending').countDocuments()) === 0, {
      what: 'no pending outbox write left',
    });
  });
});
