// The BullMQ peer of the order pipeline as real processes: a gateway, fulfilment workers and a notifier
// against the local Redis, e-mailing a local SMTP peer. Every Redis key of the run has one fresh prefix;
// stop() ends the processes and removes the keys (queues, orders, idempotency keys, e-mail claims).
import { Redis } from 'ioredis';
import { startSmtpPeer, uniqueName, type SmtpPeer } from '../../support/index.ts';
import { freePort, waitUntilReady, type ServiceProcess } from '../../e2e/service-process.ts';
import { peerKeys } from './peer-keys.ts';
import { startPeerProcess } from './peer-process.ts';
import { bullConnection } from './redis-connection.ts';

export interface PeerStackOptions {
  redisUrl: string;
  fulfilmentWorkers: number;
  /** Jobs in flight per worker process (Conveyor's ORDERS_PREFETCH is 10). */
  concurrency?: number;
  sandboxLatencyMs?: number;
}

export interface PeerStack {
  gatewayUrl: string;
  prefix: string;
  /** The bench's own connection, for reading the orders. */
  redis: Redis;
  smtp: SmtpPeer;
  services: ServiceProcess[];
  logs(): string;
  stop(): Promise<void>;
}

export async function startPeerStack(options: PeerStackOptions): Promise<PeerStack> {
  const prefix = uniqueName('bench-bullmq-pipeline');
  const smtp = await startSmtpPeer();
  const redis = new Redis(bullConnection(options.redisUrl));
  const common = {
    REDIS_URL: options.redisUrl,
    PEER_PREFIX: prefix,
    CONCURRENCY: String(options.concurrency ?? 10),
    SANDBOX_LATENCY_MS: String(options.sandboxLatencyMs ?? 5),
  };
  const services: ServiceProcess[] = [];
  const gatewayPort = await freePort();
  services.push(startPeerProcess('gateway', 'gateway', common, gatewayPort));
  for (let index = 0; index < options.fulfilmentWorkers; index += 1) {
    services.push(startPeerProcess(`worker-${index + 1}`, 'worker', common, await freePort()));
  }
  services.push(
    startPeerProcess('notifier', 'notifier', { ...common, SMTP_URL: smtp.url }, await freePort()),
  );
  const stack: PeerStack = {
    gatewayUrl: `http://127.0.0.1:${gatewayPort}`,
    prefix,
    redis,
    smtp,
    services,
    logs: () =>
      services.map((service) => `--- ${service.name}\n${service.logs.slice(-40).join('\n')}`).join('\n'),
    async stop() {
      await Promise.allSettled(services.map((service) => service.stop()));
      await removeKeys(redis, peerKeys(prefix).pattern).finally(async () => {
        await redis.quit();
        await smtp.close();
      });
    },
  };
  try {
    for (const service of services) await waitUntilReady(service);
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}

/** Every key matching `pattern`, in SCAN batches (KEYS would block Redis on a large keyspace). */
async function removeKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1_000);
    if (found.length > 0) await redis.unlink(...found);
    cursor = next;
  } while (cursor !== '0');
}
