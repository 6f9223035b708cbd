// The BullMQ peer's gateway process: POST /v1/orders validates the body (zod; 400 naming the field),
// de-duplicates an Idempotency-Key with SET NX (the same key answers the same order id), stores the
// order as a Redis hash, adds the first step's job and answers 202 {id}; GET /readyz for the bench.
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import Fastify from 'fastify';
import type { z } from 'zod';
import { idempotencyKey, placeOrderBody } from './order-body.ts';
import { newOrderFields } from './order-record.ts';
import { gatewayEnv, readEnv } from './peer-config.ts';
import { fulfilmentQueue, jobPriority, jobRetries, peerKeys, stepJobId } from './peer-keys.ts';
import { bullConnection, openRedis } from './redis-connection.ts';
import { onTermination } from './termination.ts';

/** How long an Idempotency-Key is remembered, as long as Conveyor keeps an order's key. */
const idempotencyTtlSeconds = 24 * 60 * 60;

const env = readEnv(gatewayEnv);
const keys = peerKeys(env.PEER_PREFIX);
const redis = openRedis(env.REDIS_URL);
const queue = new Queue(fulfilmentQueue, {
  connection: bullConnection(env.REDIS_URL),
  prefix: keys.bullPrefix,
});
const app = Fastify({ logger: false });

app.get('/readyz', (_request, reply) => reply.send({ status: 'ready' }));

app.post('/v1/orders', async (request, reply) => {
  const body = placeOrderBody.safeParse(request.body);
  if (!body.success) return reply.code(400).send(validationError(body.error));
  const header = request.headers['idempotency-key'];
  const key = header === undefined ? undefined : idempotencyKey.safeParse(header);
  if (key?.success === false) return reply.code(400).send(validationError(key.error, 'Idempotency-Key'));
  const id = `ord_${randomUUID().replaceAll('-', '')}`;
  if (key !== undefined) {
    const claimed = await redis.set(keys.idempotency(key.data), id, 'EX', idempotencyTtlSeconds, 'NX');
    // The key was claimed by an earlier request: answer its order, placed once.
    const existing = claimed === null ? await redis.get(keys.idempotency(key.data)) : null;
    if (existing !== null) return reply.code(202).send({ id: existing });
  }
  await redis.hset(keys.order(id), newOrderFields(id, body.data, Date.now()));
  await queue.add(
    'reserve',
    { orderId: id },
    { ...jobRetries, jobId: stepJobId(id, 'reserve'), priority: jobPriority(body.data.express) },
  );
  return reply.code(202).send({ id });
});

/** 400's body: the first problem, naming its field (`items.0.qty: ...`). */
function validationError(error: z.ZodError, field?: string) {
  const issue = error.issues[0];
  const path = field ?? (issue === undefined || issue.path.length === 0 ? 'body' : issue.path.join('.'));
  return { error: { code: 'VALIDATION_FAILED', message: `${path}: ${issue?.message ?? 'invalid'}` } };
}

await queue.waitUntilReady();
await app.listen({ port: env.PORT, host: '127.0.0.1' });

onTermination(async () => {
  await app.close();
  await queue.close();
  await redis.quit();
});
