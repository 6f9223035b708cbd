// The production image (deploy/docker/Dockerfile, built locally as conveyor:local) run the way a
// cluster runs it: as its non-root user, on a read-only root filesystem, against RabbitMQ, MongoDB
// (FerretDB) and NATS containers on a network of its own. It must pass its own health check and stop
// cleanly on SIGTERM, before the stop deadline would SIGKILL it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  containerImages,
  engineCli,
  ensureImages,
  LOCAL_IMAGES,
  loadTestcontainers,
  runLabels,
  type DockerCli,
} from '../support/docker/index.ts';
import { recordServerSources, uniqueName, waitFor } from '../support/index.ts';

const { GenericContainer, Network, Wait } = await loadTestcontainers();
type Started = Awaited<ReturnType<InstanceType<typeof GenericContainer>['start']>>;

/** docker stop's grace period: SHUTDOWN_TIMEOUT_MS (25 s) and the hand-back, as in docker-compose.yml. */
const stopGraceSeconds = 30;

describe('the production image', () => {
  let docker: DockerCli;
  let network: Awaited<ReturnType<InstanceType<typeof Network>['start']>> | undefined;
  const servers: Started[] = [];
  let service = '';

  beforeAll(async () => {
    docker = await engineCli();
    const images = await containerImages();
    await ensureImages(docker, ['service'], (line) => process.stderr.write(`[production image] ${line}\n`));
    network = await new Network().start();
    const server = (image: string, alias: string, ready: RegExp, command?: string[]) => {
      let container = new GenericContainer(image)
        .withLabels(runLabels())
        .withNetwork(network as NonNullable<typeof network>)
        .withNetworkAliases(alias)
        .withWaitStrategy(Wait.forLogMessage(ready))
        .withStartupTimeout(120_000);
      if (command !== undefined) container = container.withCommand(command);
      return container.start();
    };
    servers.push(
      ...(await Promise.all([
        server(images.rabbitmq, 'rabbitmq', /Server startup complete/),
        server(images.mongodb, 'mongo', /^ready mongodb:/m),
        server(images.nats, 'nats', /Server is ready/, ['-js', '-sd', '/data']),
      ])),
    );
    recordServerSources('docker', [
      `production image ${LOCAL_IMAGES.service.tag} against RabbitMQ, FerretDB and NATS containers on network ${network.getName()}`,
    ]);
    service = (
      await docker.run([
        'run',
        '--detach',
        '--name',
        uniqueName('conveyor-gateway'),
        '--label',
        Object.entries(runLabels()).map(([key, value]) => `${key}=${value}`)[0] ?? '',
        '--network',
        network.getName(),
        '--read-only',
        '--tmpfs',
        '/tmp',
        '--env',
        'AMQP_URL=amqp://guest:guest@rabbitmq:5672',
        '--env',
        'MONGO_URL=mongodb://mongo:27017/conveyor',
        '--env',
        'NATS_URL=nats://nats:4222',
        LOCAL_IMAGES.service.tag,
      ])
    ).trim();
  }, 300_000);

  afterAll(async () => {
    if (service !== '') await docker.run(['rm', '--force', service]);
    await Promise.allSettled(servers.map((server) => server.stop()));
    await network?.stop();
  }, 120_000);

  const inspect = async (format: string): Promise<string> =>
    (await docker.run(['inspect', '--format', format, service])).trim();

  it('runs as the unprivileged node user, on a read-only root filesystem', async () => {
    expect(await inspect('{{.Config.User}}')).toBe('node');
    expect((await docker.run(['exec', service, 'id', '-u'])).trim()).not.toBe('0');
    expect(await inspect('{{.HostConfig.ReadonlyRootfs}}')).toBe('true');
    await expect(docker.run(['exec', service, 'touch', '/app/written'])).rejects.toThrow(
      /Read-only file system/,
    );
  });

  it('passes its own health check', async () => {
    const started = performance.now();
    await waitFor(async () => (await inspect('{{.State.Health.Status}}')) === 'healthy', {
      what: 'the gateway container to report healthy',
      timeoutMs: 90_000,
      intervalMs: 500,
    });
    process.stderr.write(
      `[production image] healthy ${((performance.now() - started) / 1000).toFixed(1)} s after the checks began\n`,
    );
  }, 120_000);

  it('stops cleanly on SIGTERM within its stop grace period', async () => {
    const started = performance.now();
    await docker.run(['stop', '--time', String(stopGraceSeconds), service], (stopGraceSeconds + 30) * 1000);
    const seconds = (performance.now() - started) / 1000;
    // Exit code 0: the service finished its own shutdown; a SIGKILL at the deadline would be 137.
    expect(await inspect('{{.State.ExitCode}}')).toBe('0');
    expect(await inspect('{{.State.OOMKilled}}')).toBe('false');
    process.stderr.write(
      `[production image] stopped on SIGTERM in ${seconds.toFixed(1)} s (grace ${String(stopGraceSeconds)} s)\n`,
    );
  }, 120_000);
});
