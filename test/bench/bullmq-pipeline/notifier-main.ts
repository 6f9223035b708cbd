// The BullMQ peer's notifier process: one BullMQ Worker on the notifications queue sending each order
// e-mail with nodemailer (a pooled transport, as Conveyor's notifier) at most once: the e-mail is claimed
// with SET NX before it is sent, and the claim is released when the send fails so that the retry sends.
import { UnrecoverableError, Worker } from 'bullmq';
import { createTransport } from 'nodemailer';
import { z } from 'zod';
import { composePeerEmail, peerMessageId } from './order-emails.ts';
import { readOrder } from './order-record.ts';
import { notifierEnv, readEnv } from './peer-config.ts';
import { emailKinds, notificationsQueue, peerKeys } from './peer-keys.ts';
import { startReadinessServer } from './readiness-server.ts';
import { bullConnection, openRedis } from './redis-connection.ts';
import { onTermination } from './termination.ts';

/** How long a sent e-mail's claim is kept: longer than any retry of its job. */
const claimTtlSeconds = 24 * 60 * 60;
const jobData = z.object({ orderId: z.string().min(1) });
const kind = z.enum(emailKinds);

const env = readEnv(notifierEnv);
const keys = peerKeys(env.PEER_PREFIX);
const connection = bullConnection(env.REDIS_URL);
const redis = openRedis(env.REDIS_URL);
const readiness = await startReadinessServer(env.PORT);
const transport = createTransport(
  {
    url: env.SMTP_URL,
    pool: true,
    maxConnections: 5,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    disableFileAccess: true,
    disableUrlAccess: true,
  },
  { from: env.MAIL_FROM },
);

const worker = new Worker(
  notificationsQueue,
  async (job) => {
    const data = jobData.safeParse(job.data);
    const emailKind = kind.safeParse(job.name);
    if (!data.success || !emailKind.success) throw new UnrecoverableError(`not an e-mail job: ${job.name}`);
    const { orderId } = data.data;
    const order = await readOrder(redis, keys.order(orderId));
    if (order === undefined) throw new UnrecoverableError(`order ${orderId} does not exist`);
    const claim = keys.emailSent(orderId, emailKind.data);
    if ((await redis.set(claim, '1', 'EX', claimTtlSeconds, 'NX')) === null) return; // sent already
    try {
      await transport.sendMail({
        to: order.email,
        messageId: peerMessageId(orderId, emailKind.data),
        ...composePeerEmail(emailKind.data, order),
      });
    } catch (error) {
      await redis.del(claim);
      throw error;
    }
  },
  { connection, prefix: keys.bullPrefix, concurrency: env.CONCURRENCY },
);
worker.on('failed', (job, error) => {
  process.stderr.write(`job ${job?.id ?? '?'} failed: ${error.message}\n`);
});
await worker.waitUntilReady();
readiness.ready();

onTermination(async () => {
  await worker.close();
  transport.close();
  await redis.quit();
  await readiness.close();
});
