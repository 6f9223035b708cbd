import { afterEach, describe, expect, it } from 'vitest';
import { trace } from '@opentelemetry/api';
import { Exchange, Header } from '@conveyor/bus';
import { jobRequested } from '@conveyor/contracts';
import { startGateway, type RunningGateway } from '@conveyor/gateway';
import { outboxEntries, outboxFields } from '@conveyor/outbox';
import { json, openGateway, silentLogger, type GatewayFixture } from './gateway-fixture.ts';

describe('gateway outbox relay', () => {
  let gateway: GatewayFixture | undefined;
  let running: RunningGateway | undefined;
  afterEach(async () => {
    await running?.stop();
    await gateway?.cleanUp();
  });

  it('publishes what a request that crashed after its write left unsent', async () => {
    gateway = await openGateway();
    const { store, bus, events, tenant } = gateway;
    const queue = await gateway.bindQueue(jobRequested.name);
    running = await startGateway({
      store,
      bus,
      events,
      logger: silentLogger,
      tracer: trace.getTracer('gateway-test'),
      port: 0,
      host: '127.0.0.1',
      // The relay looks back one grace period behind its watermark for writes that became visible
      // late; a second is far more than an insert takes even on a loaded CI machine.
      outboxGraceMs: 1_000,
      outboxIntervalMs: 100,
    });
    // What a gateway that died between its insert and its publish leaves behind: written just now,
    // after the relay started, as a write from a crashed peer would be; it falls due a grace later.
    const createdAt = new Date();
    const jobId = 'job_left_behind';
    const entries = outboxEntries(
      [
        {
          messageId: `${jobId}:requested`,
          exchange: Exchange.events,
          routingKey: jobRequested.name,
          type: jobRequested.name,
          body: { jobId, tenantId: tenant, jobType: 'report.daily', payload: {} },
          headers: { [Header.tenant]: tenant },
          priority: 5,
        },
      ],
      createdAt,
    );
    await store.db.collection('jobs').insertOne({
      _id: jobId,
      tenantId: tenant,
      type: 'report.daily',
      payload: {},
      priority: 5,
      status: 'accepted',
      runAt: null,
      history: [{ at: createdAt, event: 'accepted' }],
      traceId: null,
      idempotencyKey: null,
      requestHash: null,
      createdAt,
      updatedAt: createdAt,
      ...outboxFields(entries),
    } as never);

    const message = await gateway.receive(
      queue,
      (body) => (body as { jobId?: unknown }).jobId === jobId,
      'the relay to publish the unsent job.requested.v1',
    );
    expect(message.properties.messageId).toBe(`${jobId}:requested`);

    // And the API of the running service answers on its port.
    const health = await fetch(`http://127.0.0.1:${running.port}/healthz`);
    expect(json({ body: await health.text() })).toEqual({ status: 'ok' });
  });
});
