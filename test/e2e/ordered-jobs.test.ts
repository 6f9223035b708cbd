// Ordered per key, with real worker processes: four of them serve one ordered job type, jobs of eight
// keys interleave, one worker is killed -9 in the middle of a key, and every key's jobs still run one
// at a time in publish order. Then the same load on one key and on eight: the figures are printed
// (how much faster eight keys finish is measured, not asserted); what is asserted is that one key
// never runs two jobs at once while eight keys do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverUrls, uniqueName, waitFor } from '../support/index.ts';
import { openGateway, type GatewayFixture } from '../integration/gateway/gateway-fixture.ts';
import { maxConcurrent, orderViolations, type Handling } from './ordered-handlings.ts';
import { freePort, startNodeScript, waitUntilReady, type ServiceProcess } from './service-process.ts';

describe('ordered jobs across worker processes', () => {
  const jobType = uniqueName('test.ordered');
  let gateway: GatewayFixture;
  const workers: ServiceProcess[] = [];

  beforeAll(async () => {
    gateway = await openGateway();
    const urls = serverUrls();
    for (let n = 0; n < 4; n += 1) {
      const port = await freePort();
      workers.push(
        startNodeScript(
          `ordered-worker-${String(n)}`,
          'test/e2e/fixtures/ordered-worker.ts',
          {
            AMQP_URL: urls.amqpUrl,
            MONGO_URL: urls.mongoUrl,
            MONGO_DB: gateway.store.db.databaseName,
            NATS_URL: urls.natsUrl,
            HEALTH_PORT: String(port),
            JOB_TYPE: jobType,
          },
          port,
        ),
      );
    }
    for (const worker of workers) await waitUntilReady(worker);
  }, 120_000);

  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await gateway.cleanUp();
  });

  async function enqueue(key: string, seq: number, ms: number, batch: string): Promise<string> {
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/jobs',
      headers: gateway.auth,
      payload: { type: jobType, payload: { key: `${batch}:${key}`, seq, ms } },
    });
    expect(response.statusCode).toBe(202);
    return (JSON.parse(response.body) as { id: string }).id;
  }

  async function handlings(batch: string): Promise<Handling[]> {
    const marks = await gateway.store.db
      .collection<{ _id: string; key: string; seq: number; pid: number; phase: string; at: Date }>('handled')
      .find({ key: { $regex: `^${batch}:` } })
      .toArray();
    const byHandling = new Map<string, Handling>();
    for (const mark of marks) {
      const id = mark._id.slice(0, mark._id.lastIndexOf(':'));
      const handling = byHandling.get(id) ?? {
        key: mark.key,
        seq: mark.seq,
        pid: mark.pid,
        start: mark.at,
        end: null,
      };
      if (mark.phase === 'start') handling.start = mark.at;
      else handling.end = mark.at;
      byHandling.set(id, handling);
    }
    return [...byHandling.values()];
  }

  async function untilCompleted(ids: readonly string[], timeoutMs: number): Promise<void> {
    await waitFor(
      async () =>
        (await gateway.store.db
          .collection<{ _id: string }>('jobs')
          .countDocuments({ _id: { $in: [...ids] }, status: 'completed' })) === ids.length,
      { what: `${String(ids.length)} ordered jobs completed`, timeoutMs, intervalMs: 200 },
    );
  }

  it('keeps every key in publish order, one job at a time, through a kill -9 of the worker running it', async () => {
    const batch = uniqueName('kill');
    const keys = Array.from({ length: 8 }, (_, index) => `k${String(index)}`);
    const ids: string[] = [];
    // Jobs of a second each: a key's jobs take six seconds in all, so one is always in flight to kill.
    for (let seq = 0; seq < 6; seq += 1)
      for (const key of keys) ids.push(await enqueue(key, seq, 1_000, batch));

    // In the middle of a key: a job with jobs of its key both before and after it.
    const inFlight = await waitFor(
      async () =>
        (await handlings(batch)).find(
          (handling) => handling.end === null && handling.seq > 0 && handling.seq < 5,
        ),
      { what: 'a job in the middle of its key, in flight', timeoutMs: 30_000, intervalMs: 50 },
    );
    const victim = workers.find((worker) => worker.child.pid === inFlight.pid);
    expect(victim).toBeDefined();
    const killedAt = performance.now();
    await victim?.kill();

    await untilCompleted(ids, 90_000);
    const recoveredMs = Math.round(performance.now() - killedAt);
    const all = await handlings(batch);
    expect(orderViolations(all)).toEqual([]);
    expect(
      new Set(all.filter((handling) => handling.end !== null).map((h) => `${h.key}:${String(h.seq)}`)).size,
    ).toBe(48);
    const killedJob = all.filter(
      (handling) => handling.key === inFlight.key && handling.seq === inFlight.seq,
    );
    console.log(
      `[ordered] kill -9 of pid ${String(inFlight.pid)} while it ran ${inFlight.key}#${String(inFlight.seq)}: ` +
        `all 48 jobs completed ${String(recoveredMs)} ms after the kill; that job was handled ${String(killedJob.length)} times, in order`,
    );
  }, 180_000);

  it('runs eight keys in parallel and one key one job at a time (same load; figures printed)', async () => {
    const timed = async (keys: number) => {
      const batch = uniqueName(`keys${String(keys)}`);
      const startedAt = performance.now();
      const ids: string[] = [];
      for (let seq = 0; seq < 48; seq += 1)
        ids.push(await enqueue(`k${String(seq % keys)}`, seq, 100, batch));
      await untilCompleted(ids, 60_000);
      const ms = Math.round(performance.now() - startedAt);
      const all = await handlings(batch);
      expect(orderViolations(all)).toEqual([]);
      return { ms, concurrency: maxConcurrent(all) };
    };
    const one = await timed(1);
    const eight = await timed(8);
    console.log(
      `[ordered] 48 jobs of 100 ms: 1 key ${String(one.ms)} ms (at most ${String(one.concurrency)} at once), ` +
        `8 keys ${String(eight.ms)} ms (at most ${String(eight.concurrency)} at once): ${(one.ms / eight.ms).toFixed(1)}x`,
    );
    expect(one.concurrency).toBe(1);
    expect(eight.concurrency).toBeGreaterThan(1);
  }, 180_000);
});
