// Images the Testcontainers path runs; keep them in step with docker-compose.yml.
export const CONTAINER_IMAGES = Object.freeze({
  rabbitmq: 'rabbitmq:4.1-management-alpine',
  mongodb: 'mongo:7',
  nats: 'nats:2',
});
