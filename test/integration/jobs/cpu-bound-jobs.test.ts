// CPU-bound jobs run in the worker's thread pool: a handler that keeps a core busy for two seconds
// leaves the worker's event loop free, so /healthz keeps answering (its latencies are printed) and the
// job still reports progress and completes.
import { createWorker, type Worker } from '@conveyor/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverUrls } from '../../support/index.ts';
import { openGateway, silentLogger, type GatewayFixture } from '../gateway/gateway-fixture.ts';
import { burnCpu } from './fixtures/burn-cpu-job.ts';

describe('CPU-bound jobs', () => {
  let gateway: GatewayFixture;
  let worker: Worker;
  beforeAll(async () => {
    gateway = await openGateway();
    const urls = serverUrls();
    worker = await createWorker({
      connections: {
        amqpUrl: urls.amqpUrl,
        mongoUrl: urls.mongoUrl,
        mongoDb: gateway.store.db.databaseName,
        natsUrl: urls.natsUrl,
      },
      jobs: [burnCpu],
      logger: silentLogger,
      threads: 1,
    });
  });
  afterAll(async () => {
    await worker.stop();
    await gateway.cleanUp();
  });

  it('keeps /healthz answering while a 2-second CPU job runs in a thread', async () => {
    const accepted = await gateway.app.inject({
      method: 'POST',
      url: '/v1/jobs',
      headers: gateway.auth,
      payload: { type: burnCpu.type, payload: { ms: 2_000 } },
    });
    expect(accepted.statusCode).toBe(202);
    const id = (JSON.parse(accepted.body) as { id: string }).id;
    const read = async () =>
      JSON.parse(
        (await gateway.app.inject({ method: 'GET', url: `/v1/jobs/${id}`, headers: gateway.auth })).body,
      ) as { status: string; result?: unknown; progress: unknown };

    const latencies: number[] = [];
    let job = await read();
    while (job.status !== 'completed' && job.status !== 'failed') {
      const startedAt = performance.now();
      // A health check that waits more than a second for an answer counts as timed out.
      const health = await fetch(`http://127.0.0.1:${String(worker.healthPort)}/healthz`, {
        signal: AbortSignal.timeout(1_000),
      });
      expect(health.status).toBe(200);
      if (job.status === 'running') latencies.push(performance.now() - startedAt);
      job = await read();
    }
    expect(job).toMatchObject({ status: 'completed', progress: 100 });
    expect(job.result).toMatchObject({
      burnedMs: expect.any(Number) as number,
      threadId: expect.any(Number) as number,
    });
    expect((job.result as { threadId: number }).threadId).not.toBe(0);
    latencies.sort((a, b) => a - b);
    console.log(
      `[cpu-bound] ${String(latencies.length)} /healthz checks while a 2 s CPU job ran in a thread: ` +
        `median ${(latencies[Math.floor(latencies.length / 2)] ?? Number.NaN).toFixed(1)} ms, ` +
        `max ${(latencies.at(-1) ?? Number.NaN).toFixed(1)} ms`,
    );
    expect(latencies.length).toBeGreaterThan(0);
  });
});
