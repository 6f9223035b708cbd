// No job stays `accepted` for ever: the gateway's stuck-job watch (@conveyor/jobs' sweep) re-publishes a
// job no worker started, under its own message id, then fails it with the reason.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trace } from '@opentelemetry/api';
import { defaultMaxBodyBytes, Exchange } from '@conveyor/bus';
import { jobRequested, jobRequestedRoutingKey } from '@conveyor/contracts';
import { startGateway, type RunningGateway } from '@conveyor/gateway';
import { submitJob } from '@conveyor/jobs';
import { outboxEntries, outboxFields } from '@conveyor/outbox';
import { json, openGateway, silentLogger, type GatewayFixture } from './gateway-fixture.ts';

describe('stuck accepted jobs', () => {
  let gateway: GatewayFixture;
  let running: RunningGateway;
  beforeEach(async () => {
    gateway = await openGateway();
    running = await startGateway({
      store: gateway.store,
      bus: gateway.bus,
      events: gateway.events,
      logger: silentLogger,
      tracer: trace.getTracer('gateway-test'),
      port: 0,
      host: '127.0.0.1',
      // The relay leaves every pending write alone during a test; the watch runs when the test says.
      outboxGraceMs: 60 * 60_000,
      outboxIntervalMs: 60 * 60_000,
      stuckJobs: { afterMs: 0, intervalMs: 60 * 60_000, maxRepublishes: 1 },
    });
  });
  afterEach(async () => {
    await running.stop();
    await gateway.cleanUp();
  });

  const read = (id: string) =>
    gateway.app.inject({ method: 'GET', url: `/v1/jobs/${id}`, headers: gateway.auth });

  it('re-publishes a job no worker started under its own message id, then fails it with the reason', async () => {
    const queue = await gateway.bindQueue(jobRequestedRoutingKey('report.daily'));
    const accepted = await gateway.app.inject({
      method: 'POST',
      url: '/v1/jobs',
      headers: gateway.auth,
      payload: { type: 'report.daily' },
    });
    const id = String(json(accepted)['id']);
    const isThisJob = (body: unknown) => (body as { jobId?: unknown }).jobId === id;
    const first = await gateway.receive(queue, isThisJob, 'the job to be published');

    expect(await running.stuckJobWatch.runOnce()).toEqual({ waitingForRelay: 0, republished: 1, failed: 0 });
    const again = await gateway.receive(queue, isThisJob, 'the stuck job to be re-published');
    expect(again.properties.messageId).toBe(first.properties.messageId);
    expect(json(await read(id))).toMatchObject({ status: 'accepted' });

    expect(await running.stuckJobWatch.runOnce()).toEqual({ waitingForRelay: 0, republished: 0, failed: 1 });
    const failed = json(await read(id));
    expect(failed).toMatchObject({ status: 'failed' });
    expect(String(failed['error'])).toContain('no job worker took it');
    expect((failed['history'] as { event: string }[]).map((entry) => entry.event)).toEqual([
      'accepted',
      'failed',
    ]);
  });

  it('leaves to the relay a job whose write is still pending in the outbox', async () => {
    // Accepted, but its publish never happened (the gateway died, or the broker is down).
    const { job } = await submitJob(gateway.store, {
      tenantId: gateway.tenant,
      type: 'report.daily',
      payload: {},
      priority: 5,
      runAt: null,
      idempotencyKey: null,
      requestHash: 'pending',
      traceId: null,
      now: new Date(Date.now() - 1),
    });

    expect(await running.stuckJobWatch.runOnce()).toEqual({ waitingForRelay: 1, republished: 0, failed: 0 });
    expect(json(await read(job._id))).toMatchObject({ status: 'accepted' });
  });

  it('fails at once a job whose message can never be published', async () => {
    const jobId = 'job_never_publishable';
    const createdAt = new Date(Date.now() - 1);
    const entries = outboxEntries(
      [
        {
          messageId: `${jobId}:requested`,
          exchange: Exchange.events,
          routingKey: jobRequested.name,
          type: jobRequested.name,
          body: {
            jobId,
            tenantId: gateway.tenant,
            jobType: 'report.daily',
            payload: { blob: 'x'.repeat(defaultMaxBodyBytes) },
          },
        },
      ],
      createdAt,
    );
    await gateway.store.db.collection('jobs').insertOne({
      _id: jobId,
      tenantId: gateway.tenant,
      type: 'report.daily',
      payload: {},
      priority: 5,
      status: 'accepted',
      history: [{ at: createdAt, event: 'accepted' }],
      createdAt,
      updatedAt: createdAt,
      ...outboxFields(entries),
    } as never);

    expect(await running.stuckJobWatch.runOnce()).toEqual({ waitingForRelay: 0, republished: 0, failed: 1 });
    const failed = json(await read(jobId));
    expect(failed).toMatchObject({ status: 'failed' });
    expect(String(failed['error'])).toContain('can never be published');
  });
});
