// The fault suite's private servers as containers (TEST_SERVER_SOURCE=containers), on the project's
// local images: the same PrivateRabbitmq, RestartableNats and PausableMongo as the host processes, with
// every destructive step done to the container (rabbitmqctl through docker exec, docker stop/start,
// docker pause), never to a host server. NATS and FerretDB keep a fixed host port across a restart.
import {
  containerImages,
  engineCli,
  loadTestcontainers,
  runLabels,
  type DockerCli,
} from '../../support/docker/index.ts';
import { amqpAnswers, mongoAnswers, recordServerSources, waitFor } from '../../support/index.ts';
import { freePort } from '../../e2e/service-process.ts';
import type { PrivateRabbitmq } from './rabbitmq-node.ts';
import { rabbitmqNodeControls } from './rabbitmq-node-controls.ts';
import type { PausableMongo, PrivateServers, RestartableNats } from './private-server-handles.ts';

const bootTimeoutMs = 120_000;

const cli = (): Promise<DockerCli> => engineCli();

export async function startRabbitmqContainerNode(): Promise<PrivateRabbitmq> {
  const image = (await containerImages()).rabbitmq;
  const { GenericContainer, Wait } = await loadTestcontainers();
  const container = await new GenericContainer(image)
    .withLabels(runLabels())
    .withExposedPorts(5672)
    .withWaitStrategy(Wait.forLogMessage(/Server startup complete/))
    .withStartupTimeout(bootTimeoutMs)
    .start();
  const url = `amqp://guest:guest@${container.getHost()}:${String(container.getMappedPort(5672))}`;
  const docker = await cli();
  let stopping: Promise<void> | undefined;
  return {
    url,
    nodeName: `container ${container.getId().slice(0, 12)}`,
    ...rabbitmqNodeControls(
      (...args) => docker.run(['exec', container.getId(), 'rabbitmqctl', ...args], 60_000),
      () =>
        waitFor(() => amqpAnswers(url), {
          what: `the RabbitMQ container to answer AMQP on ${url}`,
          timeoutMs: bootTimeoutMs,
          intervalMs: 250,
        }),
    ),
    stop() {
      stopping ??= container.stop().then(() => undefined);
      return stopping;
    },
  };
}

/** A container with a fixed host port for `containerPort`, so it is reachable at one URL across restarts. */
async function startWithFixedPort(
  image: string,
  containerPort: number,
  ready: RegExp,
  command?: readonly string[],
): Promise<{ id: string; host: string; port: number; remove: () => Promise<void> }> {
  const { GenericContainer, Wait } = await loadTestcontainers();
  const port = await freePort();
  let builder = new GenericContainer(image)
    .withLabels(runLabels())
    .withExposedPorts({ container: containerPort, host: port })
    .withWaitStrategy(Wait.forLogMessage(ready))
    .withStartupTimeout(bootTimeoutMs);
  if (command !== undefined) builder = builder.withCommand([...command]);
  const container = await builder.start();
  const docker = await cli();
  return {
    id: container.getId(),
    host: container.getHost(),
    port,
    remove: async () => {
      await docker.run(['rm', '--force', '--volumes', container.getId()]);
    },
  };
}

export async function startNatsContainerRestartable(): Promise<
  RestartableNats & { dispose(): Promise<void> }
> {
  const image = (await containerImages()).nats;
  const started = await startWithFixedPort(image, 4222, /Server is ready/, ['-js', '-sd', '/data']);
  const docker = await cli();
  let running = true;
  return {
    url: `nats://${started.host}:${String(started.port)}`,
    isRunning: () => running,
    async stop() {
      if (!running) return;
      running = false;
      await docker.run(['stop', started.id]);
    },
    async start() {
      if (running) return;
      await docker.run(['start', started.id]);
      running = true;
    },
    dispose: started.remove,
  };
}

export async function startFerretdbContainerPausable(): Promise<
  PausableMongo & { dispose(): Promise<void> }
> {
  const image = (await containerImages()).mongodb;
  const started = await startWithFixedPort(image, 27017, /^ready mongodb:/m);
  const docker = await cli();
  const url = `mongodb://${started.host}:${String(started.port)}/`;
  let state: 'running' | 'paused' | 'stopped' = 'running';
  const resume = async (): Promise<void> => {
    if (state !== 'paused') return;
    await docker.run(['unpause', started.id]);
    state = 'running';
  };
  return {
    url,
    // docker pause freezes every process of the container (the cgroup freezer), like SIGSTOP.
    async pause() {
      if (state !== 'running') return;
      await docker.run(['pause', started.id]);
      state = 'paused';
    },
    resume,
    async stop() {
      await resume();
      if (state !== 'running') return;
      state = 'stopped';
      await docker.run(['stop', started.id]);
    },
    async start() {
      if (state !== 'stopped') return;
      await docker.run(['start', started.id]);
      state = 'running';
      await waitFor(() => mongoAnswers(url), {
        what: `the FerretDB container to serve again on ${url}`,
        timeoutMs: bootTimeoutMs,
        intervalMs: 250,
      });
    },
    dispose: started.remove,
  };
}

export async function startPrivateContainers(): Promise<PrivateServers> {
  const started = await Promise.allSettled([
    startRabbitmqContainerNode(),
    startNatsContainerRestartable(),
    startFerretdbContainerPausable(),
  ]);
  const [rabbitmq, nats, mongo] = started;
  if (rabbitmq.status === 'rejected' || nats.status === 'rejected' || mongo.status === 'rejected') {
    await Promise.allSettled([
      ...(rabbitmq.status === 'fulfilled' ? [rabbitmq.value.stop()] : []),
      ...(nats.status === 'fulfilled' ? [nats.value.dispose()] : []),
      ...(mongo.status === 'fulfilled' ? [mongo.value.dispose()] : []),
    ]);
    throw started.find((result) => result.status === 'rejected')?.reason;
  }
  const line = `private servers on containers: RabbitMQ ${rabbitmq.value.url}, NATS ${nats.value.url}, FerretDB ${mongo.value.url}`;
  process.stderr.write(`[faults] ${line}\n`);
  recordServerSources('faults', [line]);
  return {
    urls: { amqpUrl: rabbitmq.value.url, natsUrl: nats.value.url, mongoUrl: mongo.value.url },
    rabbitmq: rabbitmq.value,
    nats: nats.value,
    mongo: mongo.value,
    async stop() {
      await Promise.allSettled([rabbitmq.value.stop(), nats.value.dispose(), mongo.value.dispose()]);
    },
  };
}
