// The fault suite's own servers, so that destructive steps harm no other test: a RabbitMQ node on
// its own ports, a NATS on its own port and store (restartable on that store, as a real restart
// would be), and a FerretDB on its own port and PostgreSQL database (pausable with SIGSTOP).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFerretdb, startNats, type AcquiredServer, type ServerUrls } from '../../support/index.ts';
import { freePort } from '../../e2e/service-process.ts';
import { startPrivateRabbitmq, type PrivateRabbitmq } from './private-rabbitmq.ts';

export interface RestartableNats {
  readonly url: string;
  isRunning(): boolean;
  /** Stops the server (its store stays). */
  stop(): Promise<void>;
  /** Starts it again on the same port and store. */
  start(): Promise<void>;
}

export interface PausableMongo {
  readonly url: string;
  /** SIGSTOP: the server keeps its connections open and answers nothing, like a stalled host. */
  pause(): void;
  /** SIGCONT */
  resume(): void;
}

export interface PrivateServers {
  readonly urls: ServerUrls;
  readonly rabbitmq: PrivateRabbitmq;
  readonly nats: RestartableNats;
  readonly mongo: PausableMongo;
  /** Stops everything started, whatever state it is in. */
  stop(): Promise<void>;
}

export async function startPrivateServers(): Promise<PrivateServers> {
  const started = await Promise.allSettled([
    startPrivateRabbitmq(),
    startRestartableNats(),
    startFerretdb({
      listen: `127.0.0.1:${String(await freePort())}`,
      privateDatabase: `conveyor_faults_${String(process.pid)}`,
      // Opened at start and kept. With the shared server's 16 on-demand connections FerretDB 1.24 was
      // seen to stop answering under the kills, its pool taken; 40 still leaves PostgreSQL room.
      fixedPoolSize: 40,
    }),
  ]);
  const [rabbitmq, nats, ferretdb] = started;
  if (rabbitmq.status === 'rejected' || nats.status === 'rejected' || ferretdb.status === 'rejected') {
    await Promise.allSettled(
      started.flatMap((result) => (result.status === 'fulfilled' ? [result.value.stop()] : [])),
    );
    const failure = started.find((result) => result.status === 'rejected');
    throw failure?.reason;
  }
  const pid = ferretdb.value.pid;
  if (pid === undefined) throw new Error('the private FerretDB has no pid');
  const mongo: PausableMongo = {
    url: ferretdb.value.url,
    pause: () => process.kill(pid, 'SIGSTOP'),
    resume: () => process.kill(pid, 'SIGCONT'),
  };
  return {
    urls: { amqpUrl: rabbitmq.value.url, natsUrl: nats.value.url, mongoUrl: mongo.url },
    rabbitmq: rabbitmq.value,
    nats: nats.value,
    mongo,
    async stop() {
      mongo.resume();
      await Promise.allSettled([rabbitmq.value.stop(), nats.value.stop(), ferretdb.value.stop()]);
      await nats.value.dispose();
    },
  };
}

async function startRestartableNats(): Promise<RestartableNats & { dispose(): Promise<void> }> {
  const port = await freePort();
  const storeDir = await mkdtemp(join(tmpdir(), 'conveyor-faults-nats-'));
  let server: AcquiredServer | undefined = await startNats({ port, storeDir });
  const url = server.url;
  return {
    url,
    isRunning: () => server !== undefined,
    async stop() {
      const running = server;
      server = undefined;
      await running?.stop?.();
    },
    async start() {
      server ??= await startNats({ port, storeDir });
    },
    async dispose() {
      await rm(storeDir, { recursive: true, force: true });
    },
  };
}
