// Testcontainers starters. Imported lazily (only after a Docker engine answered a ping), so that
// machines without Docker never load testcontainers at all.
import type { AcquiredServer } from './acquired-server.ts';
import { CONTAINER_IMAGES } from './container-images.ts';

export async function startRabbitmqContainer(): Promise<AcquiredServer> {
  const { RabbitMQContainer } = await import('@testcontainers/rabbitmq');
  const container = await new RabbitMQContainer(CONTAINER_IMAGES.rabbitmq).start();
  return {
    url: container.getAmqpUrl(),
    how: `Testcontainers ${CONTAINER_IMAGES.rabbitmq}`,
    stop: async () => {
      await container.stop();
    },
  };
}

export async function startMongodbContainer(): Promise<AcquiredServer> {
  const { MongoDBContainer } = await import('@testcontainers/mongodb');
  const container = await new MongoDBContainer(CONTAINER_IMAGES.mongodb).start();
  // A single-node replica set that advertises its in-container host name: connect directly.
  return {
    url: `${container.getConnectionString()}/?directConnection=true`,
    how: `Testcontainers ${CONTAINER_IMAGES.mongodb}`,
    stop: async () => {
      await container.stop();
    },
  };
}

export async function startNatsContainer(): Promise<AcquiredServer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(CONTAINER_IMAGES.nats)
    .withCommand(['-js'])
    .withExposedPorts(4222)
    .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
    .start();
  return {
    url: `nats://${container.getHost()}:${String(container.getMappedPort(4222))}`,
    how: `Testcontainers ${CONTAINER_IMAGES.nats} -js`,
    stop: async () => {
      await container.stop();
    },
  };
}
