// Testcontainers starters, on the images the project builds itself (docker/local-images.ts): no
// registry is needed. GenericContainer throughout: the modules assume the public images (the MongoDB
// module wants a replica set and mongosh, which the FerretDB image has not). Imported lazily, only
// after a Docker engine answered, so machines without Docker never load testcontainers at all.
import type { AcquiredServer } from './acquired-server.ts';
import { containerImages } from './docker/container-images.ts';
import { loadTestcontainers } from './docker/load-testcontainers.ts';
import { runLabels } from './docker/run-containers.ts';

export async function startRabbitmqContainer(): Promise<AcquiredServer> {
  const image = (await containerImages()).rabbitmq;
  const { GenericContainer, Wait } = await loadTestcontainers();
  const container = await new GenericContainer(image)
    .withLabels(runLabels())
    .withExposedPorts(5672, 15672)
    .withWaitStrategy(Wait.forLogMessage(/Server startup complete/))
    .withStartupTimeout(120_000)
    .start();
  const host = container.getHost();
  return {
    url: `amqp://guest:guest@${host}:${String(container.getMappedPort(5672))}`,
    how: `Testcontainers ${image}, container ${container.getId().slice(0, 12)}`,
    // Broker changes the tests make (policies, closing connections) go through this container's own
    // rabbitmqctl (docker exec), never the host's.
    env: {
      RABBITMQ_CONTAINER: container.getId(),
      RABBITMQ_MANAGEMENT_URL: `http://guest:guest@${host}:${String(container.getMappedPort(15672))}`,
    },
    stop: async () => {
      await container.stop();
    },
  };
}

export async function startMongodbContainer(): Promise<AcquiredServer> {
  const image = (await containerImages()).mongodb;
  const { GenericContainer, Wait } = await loadTestcontainers();
  const container = await new GenericContainer(image)
    .withLabels(runLabels())
    .withExposedPorts(27017)
    .withWaitStrategy(Wait.forLogMessage(/^ready mongodb:/m))
    .withStartupTimeout(120_000)
    .start();
  return {
    url: `mongodb://${container.getHost()}:${String(container.getMappedPort(27017))}/`,
    how: `Testcontainers ${image} (FerretDB over PostgreSQL), container ${container.getId().slice(0, 12)}`,
    stop: async () => {
      await container.stop();
    },
  };
}

export async function startNatsContainer(): Promise<AcquiredServer> {
  const image = (await containerImages()).nats;
  const { GenericContainer, Wait } = await loadTestcontainers();
  const container = await new GenericContainer(image)
    .withLabels(runLabels())
    .withCommand(['-js', '-sd', '/data'])
    .withExposedPorts(4222)
    .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
    .withStartupTimeout(60_000)
    .start();
  return {
    url: `nats://${container.getHost()}:${String(container.getMappedPort(4222))}`,
    how: `Testcontainers ${image} -js, container ${container.getId().slice(0, 12)}`,
    stop: async () => {
      await container.stop();
    },
  };
}
