// A fulfilment worker process of the BullMQ peer: one BullMQ Worker on the fulfilment queue running
// each job's step (order-steps.ts), CONCURRENCY jobs at a time; /readyz once the worker is connected.
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { z } from 'zod';
import { isOrderStep, runStep } from './order-steps.ts';
import { readEnv, workerEnv } from './peer-config.ts';
import { fulfilmentQueue, notificationsQueue, peerKeys } from './peer-keys.ts';
import { startReadinessServer } from './readiness-server.ts';
import { bullConnection, openRedis } from './redis-connection.ts';
import { onTermination } from './termination.ts';

const jobData = z.object({ orderId: z.string().min(1) });

const env = readEnv(workerEnv);
const keys = peerKeys(env.PEER_PREFIX);
const connection = bullConnection(env.REDIS_URL);
const redis = openRedis(env.REDIS_URL);
const readiness = await startReadinessServer(env.PORT);
const fulfilment = new Queue(fulfilmentQueue, { connection, prefix: keys.bullPrefix });
const notifications = new Queue(notificationsQueue, { connection, prefix: keys.bullPrefix });
const deps = { redis, keys, fulfilment, notifications, sandboxLatencyMs: env.SANDBOX_LATENCY_MS };
const worker = new Worker(
  fulfilmentQueue,
  async (job) => {
    const data = jobData.safeParse(job.data);
    if (!data.success || !isOrderStep(job.name)) throw new UnrecoverableError(`not a step job: ${job.name}`);
    await runStep(deps, job.name, data.data.orderId);
  },
  { connection, prefix: keys.bullPrefix, concurrency: env.CONCURRENCY },
);
worker.on('failed', (job, error) => {
  process.stderr.write(`job ${job?.id ?? '?'} failed: ${error.message}\n`);
});
await Promise.all([worker.waitUntilReady(), fulfilment.waitUntilReady(), notifications.waitUntilReady()]);
readiness.ready();

onTermination(async () => {
  await worker.close();
  await Promise.all([fulfilment.close(), notifications.close()]);
  await redis.quit();
  await readiness.close();
});
