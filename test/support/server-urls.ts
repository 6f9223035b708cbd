// Where the tests find their servers: the URLs the global setup exported, else the local defaults.
import { SERVER_SPECS } from './server-specs.ts';

export interface ServerUrls {
  readonly amqpUrl: string;
  readonly mongoUrl: string;
  readonly natsUrl: string;
}

export type Environment = Readonly<Record<string, string | undefined>>;

/** The URL set in `env` for `name`, treating an empty value as unset. */
export function envUrl(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

export function serverUrls(env: Environment = process.env): ServerUrls {
  return {
    amqpUrl: envUrl(env, SERVER_SPECS.rabbitmq.envVar) ?? SERVER_SPECS.rabbitmq.defaultUrl,
    mongoUrl: envUrl(env, SERVER_SPECS.mongodb.envVar) ?? SERVER_SPECS.mongodb.defaultUrl,
    natsUrl: envUrl(env, SERVER_SPECS.nats.envVar) ?? SERVER_SPECS.nats.defaultUrl,
  };
}
