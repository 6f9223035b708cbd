// The CLI's environment, read once through @conveyor/config (a wrong variable is named; exit code 2).
import { commonEnv, envLogLevel, envUrl, loadConfig } from '@conveyor/config';
import { workQueues } from '@conveyor/contracts';
import { z } from 'zod';

/** The work queues of the services, as they name them by default (@conveyor/contracts' list). */
export const defaultQueues: readonly string[] = workQueues;

export const cliEnv = z.object({
  AMQP_URL: commonEnv.AMQP_URL,
  EXCHANGE_PREFIX: commonEnv.EXCHANGE_PREFIX,
  MONGO_URL: commonEnv.MONGO_URL,
  MONGO_DB: commonEnv.MONGO_DB,
  NATS_URL: commonEnv.NATS_URL,
  GATEWAY_URL: envUrl(['http', 'https']).default('http://127.0.0.1:8080'),
  /** The gateway API key (`conveyor keys create`); --api-key overrides it. */
  CONVEYOR_API_KEY: z.string().trim().min(1).optional(),
  /** Library logs (connection trouble) go to stderr; quiet unless something is wrong. */
  LOG_LEVEL: envLogLevel.default('warn'),
  /** The work queues `conveyor queues` shows (with their `.dlq`), comma-separated. */
  CONVEYOR_QUEUES: z
    .string()
    .default(defaultQueues.join(','))
    .transform((list) =>
      list
        .split(',')
        .map((queue) => queue.trim())
        .filter((queue) => queue !== ''),
    ),
});

export type CliConfig = z.infer<typeof cliEnv>;

export function readCliConfig(env: Readonly<Record<string, string | undefined>>): Readonly<CliConfig> {
  return loadConfig(cliEnv, env);
}
