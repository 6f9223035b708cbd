// A gateway (in process, real RabbitMQ, NATS and FerretDB) with a worker running the given job
// definitions on its connections: what a user's app and its worker are, for the job lifecycle tests.
import { deadLetterQueueName } from '@conveyor/bus';
import { startJobConsumers, type JobConsumers, type JobDefinition } from '@conveyor/worker';
import amqp from 'amqplib';
import { serverUrls, waitFor } from '../../support/index.ts';
import { json, openGateway, silentLogger, type GatewayFixture } from '../gateway/gateway-fixture.ts';

export interface JobsFixture {
  gateway: GatewayFixture;
  worker: JobConsumers;
  request(
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  submit(body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }>;
  job(id: string): Promise<Record<string, unknown>>;
  /** Polls GET /v1/jobs/{id} until its status is one of `statuses`. */
  untilStatus(id: string, statuses: readonly string[], timeoutMs?: number): Promise<Record<string, unknown>>;
  cleanUp(): Promise<void>;
}

export async function openJobsFixture(jobs: readonly JobDefinition[]): Promise<JobsFixture> {
  const gateway = await openGateway();
  let worker: JobConsumers;
  try {
    worker = await startJobConsumers({
      bus: gateway.bus,
      store: gateway.store,
      events: gateway.events,
      logger: silentLogger,
      jobs,
      registeredBy: 'jobs-fixture',
    });
  } catch (error) {
    await gateway.cleanUp();
    throw error;
  }
  const request: JobsFixture['request'] = async (method, url, body) => {
    const response = await gateway.app.inject({
      method,
      url,
      headers: gateway.auth,
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
    return { status: response.statusCode, body: response.body === '' ? {} : json(response) };
  };
  const job = async (id: string) => (await request('GET', `/v1/jobs/${id}`)).body;
  return {
    gateway,
    worker,
    request,
    submit: (body) => request('POST', '/v1/jobs', body),
    job,
    async untilStatus(id, statuses, timeoutMs = 15_000) {
      return waitFor(
        async () => {
          const current = await job(id);
          return statuses.includes(String(current['status'])) ? current : undefined;
        },
        { what: `job ${id} ${statuses.join(' or ')}`, timeoutMs },
      );
    },
    async cleanUp() {
      await worker.stop();
      const admin = await amqp.connect(serverUrls().amqpUrl);
      try {
        const channel = await admin.createChannel();
        for (const host of worker.hosts) {
          await channel.deleteQueue(host.queue);
          await channel.deleteQueue(deadLetterQueueName(host.queue));
        }
      } finally {
        await admin.close();
        await gateway.cleanUp();
      }
    },
  };
}
