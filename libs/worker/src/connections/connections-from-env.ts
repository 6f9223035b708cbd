// A worker's connections from the environment, the way every Conveyor service reads them (AMQP_URL,
// MONGO_URL, MONGO_DB, NATS_URL, EXCHANGE_PREFIX, MONGO_COMMAND_METRICS; local-development defaults), so that a user's worker
// started next to a Conveyor deployment needs no code for them. A bad value stops start-up naming it.
import { commonEnv, loadConfig } from '@conveyor/config';
import { z } from 'zod';
import type { WorkerConnections } from '../create-worker.ts';

const connectionEnv = z.object({
  AMQP_URL: commonEnv.AMQP_URL,
  EXCHANGE_PREFIX: commonEnv.EXCHANGE_PREFIX,
  MONGO_URL: commonEnv.MONGO_URL,
  MONGO_DB: commonEnv.MONGO_DB,
  NATS_URL: commonEnv.NATS_URL,
  MONGO_COMMAND_METRICS: commonEnv.MONGO_COMMAND_METRICS,
});

export function connectionsFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): WorkerConnections {
  const config = loadConfig(connectionEnv, env);
  return {
    amqpUrl: config.AMQP_URL,
    mongoUrl: config.MONGO_URL,
    mongoDb: config.MONGO_DB,
    natsUrl: config.NATS_URL,
    exchangePrefix: config.EXCHANGE_PREFIX,
    mongoCommandMetrics: config.MONGO_COMMAND_METRICS,
  };
}
