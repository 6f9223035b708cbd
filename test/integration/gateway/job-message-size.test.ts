// A job accepted must be publishable: the size that counts is the job.requested.v1 message the bus
// would publish (the payload wrapped with the job's id, tenant and type), not the HTTP request's.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultMaxBodyBytes, PayloadTooLargeError } from '@conveyor/bus';
import { jobRequested, jobRequestedRoutingKey } from '@conveyor/contracts';
import { json, openGateway, type GatewayFixture } from './gateway-fixture.ts';

describe('gateway job message size', () => {
  let gateway: GatewayFixture;
  beforeEach(async () => {
    gateway = await openGateway();
  });
  afterEach(async () => {
    await gateway.cleanUp();
  });

  const submit = (body: Record<string, unknown>, idempotencyKey: string) =>
    gateway.app.inject({
      method: 'POST',
      url: '/v1/jobs',
      headers: { ...gateway.auth, 'idempotency-key': idempotencyKey },
      payload: body,
    });

  /** A payload whose job.requested.v1 body is exactly `bytes` long (job ids all have one length). */
  function payloadForMessageOf(bytes: number): { blob: string } {
    const wrapped = jobRequested.schema.parse({
      jobId: `job_${'0'.repeat(32)}`,
      tenantId: gateway.tenant,
      jobType: 'report.daily',
      payload: { blob: '' },
    });
    return { blob: 'x'.repeat(bytes - Buffer.byteLength(JSON.stringify(wrapped))) };
  }

  it('refuses with 413 a job whose request is under the HTTP limit but whose message is over the bus limit', async () => {
    const queue = await gateway.bindQueue(jobRequestedRoutingKey('report.daily'));
    const body = { type: 'report.daily', payload: payloadForMessageOf(defaultMaxBodyBytes + 1) };
    // The request itself passes the HTTP body limit (the same number of bytes by default).
    expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThan(defaultMaxBodyBytes);

    const response = await submit(body, 'just-too-large');

    expect(response.statusCode).toBe(413);
    expect(json(response)).toEqual({
      error: {
        code: 'JOB_MESSAGE_TOO_LARGE',
        message: expect.stringContaining(`${defaultMaxBodyBytes + 1} bytes`) as unknown,
        details: { messageBytes: defaultMaxBodyBytes + 1, limitBytes: defaultMaxBodyBytes },
      },
    });
    expect(await gateway.store.db.collection('jobs').countDocuments()).toBe(0);
    expect(await gateway.store.db.collection('outbox_pending').countDocuments()).toBe(0);
    // And the bus would indeed have refused that message: accepted, the job could never have run.
    await expect(
      gateway.bus.publish({
        exchange: '',
        routingKey: queue,
        type: jobRequested.name,
        body: jobRequested.schema.parse({
          jobId: `job_${'1'.repeat(32)}`,
          tenantId: gateway.tenant,
          jobType: 'report.daily',
          payload: body.payload,
        }),
      }),
    ).rejects.toBeInstanceOf(PayloadTooLargeError);
  });

  it('accepts and publishes a job whose message is exactly at the bus limit', async () => {
    const queue = await gateway.bindQueue(jobRequestedRoutingKey('report.daily'));
    const body = { type: 'report.daily', payload: payloadForMessageOf(defaultMaxBodyBytes) };

    const response = await submit(body, 'at-the-limit');

    expect(response.statusCode).toBe(202);
    const id = json(response)['id'];
    const message = await gateway.receive(
      queue,
      (published) => (published as { jobId?: unknown }).jobId === id,
      'the job at the limit to be published',
    );
    expect(message.content.byteLength).toBe(defaultMaxBodyBytes);
  });
});
