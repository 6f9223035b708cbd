// The image shop's worker: runs every job of src/jobs.ts. Start as many as the load needs; each one
// declares its queues, registers its job types (so the gateway checks their data) and serves /healthz.
import { createWorker } from '@conveyor/sdk';
import { jobs } from './jobs.ts';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
}

const worker = await createWorker({
  connections: {
    amqpUrl: required('AMQP_URL'),
    mongoUrl: required('MONGO_URL'),
    mongoDb: process.env['MONGO_DB'],
    natsUrl: process.env['NATS_URL'],
  },
  jobs,
  serviceName: 'image-shop-worker',
  healthPort: Number(process.env['HEALTH_PORT'] ?? 0),
});
console.log(
  `image-shop worker ready: ${worker.queues.join(', ')} (health on port ${String(worker.healthPort)})`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void worker.stop().then(() => process.exit(0));
  });
