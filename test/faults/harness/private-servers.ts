// The fault suite's own servers, so that destructive steps harm no other test: a RabbitMQ node on
// its own ports, a NATS on its own port and store (restartable on that store, as a real restart
// would be), and a FerretDB on its own port and PostgreSQL database (pausable with SIGSTOP, and
// stoppable: started again on the same port and database, its data kept by PostgreSQL).
import { mkdtemp, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startFerretdb,
  startNats,
  dockerAnswers,
  recordServerSources,
  serverSourcePreference,
  type AcquiredServer,
  type StartedFerretdb,
} from '../../support/index.ts';
import { freePort } from '../../e2e/service-process.ts';
import { startPrivateContainers } from './private-containers.ts';
import type { PausableMongo, PrivateServers, RestartableNats } from './private-server-handles.ts';
import { startPrivateRabbitmq } from './private-rabbitmq.ts';

export type { PausableMongo, PrivateServers, RestartableNats } from './private-server-handles.ts';

/** On containers when TEST_SERVER_SOURCE=containers and an engine answers, else as host processes. */
export async function startPrivateServers(): Promise<PrivateServers> {
  if (serverSourcePreference(process.env) === 'containers' && (await dockerAnswers())) {
    return startPrivateContainers();
  }
  const ferretdbOptions = {
    listen: `127.0.0.1:${String(await freePort())}`,
    privateDatabase: `conveyor_faults_${String(process.pid)}`,
    // Opened at start and kept. With the shared server's 16 on-demand connections FerretDB 1.24 was
    // seen to stop answering under the kills, its pool taken; 40 still leaves PostgreSQL room.
    fixedPoolSize: 40,
  };
  const started = await Promise.allSettled([
    startPrivateRabbitmq(),
    startRestartableNats(),
    startFerretdb(ferretdbOptions),
  ]);
  const [rabbitmq, nats, ferretdb] = started;
  if (rabbitmq.status === 'rejected' || nats.status === 'rejected' || ferretdb.status === 'rejected') {
    await Promise.allSettled(
      started.flatMap((result) => (result.status === 'fulfilled' ? [result.value.stop()] : [])),
    );
    const failure = started.find((result) => result.status === 'rejected');
    throw failure?.reason;
  }
  recordServerSources('faults', [
    `private servers on this host: RabbitMQ node ${rabbitmq.value.url}, NATS ${nats.value.url}, ${ferretdb.value.how}`,
  ]);
  if (ferretdb.value.how.includes('SQLite'))
    process.stderr.write('[faults] the private FerretDB runs on SQLite: a restart would lose its data\n');
  // Every instance started, the running one last (undefined while stopped).
  const instances: StartedFerretdb[] = [ferretdb.value];
  let running: StartedFerretdb | undefined = ferretdb.value;
  const pidOf = (server: StartedFerretdb) => {
    if (server.pid === undefined) throw new Error('the private FerretDB has no pid');
    return server.pid;
  };
  const mongo: PausableMongo = {
    url: ferretdb.value.url,
    pause: () => {
      if (running !== undefined) process.kill(pidOf(running), 'SIGSTOP');
      return Promise.resolve();
    },
    resume: () => {
      if (running !== undefined) process.kill(pidOf(running), 'SIGCONT');
      return Promise.resolve();
    },
    async stop() {
      if (running === undefined) return;
      const pid = pidOf(running);
      running = undefined;
      process.kill(pid, 'SIGCONT');
      process.kill(pid, 'SIGTERM');
      await exitOf(pid);
    },
    async start() {
      if (running !== undefined) return;
      running = await startFerretdb(ferretdbOptions);
      instances.push(running);
    },
  };
  return {
    urls: { amqpUrl: rabbitmq.value.url, natsUrl: nats.value.url, mongoUrl: mongo.url },
    rabbitmq: rabbitmq.value,
    nats: nats.value,
    mongo,
    async stop() {
      await mongo.resume();
      await Promise.allSettled([
        rabbitmq.value.stop(),
        nats.value.stop(),
        ...instances.map((instance) => instance.stop()),
      ]);
      await nats.value.dispose();
    },
  };
}

/** Resolves once the process is gone (we are its parent: Node reaps it); SIGKILL after 10 s. */
async function exitOf(pid: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const deadline = performance.now() + 10_000;
  while (alive()) {
    if (performance.now() > deadline) process.kill(pid, 'SIGKILL');
    await sleep(50);
  }
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
