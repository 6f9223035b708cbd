// What the local RabbitMQ node holds now (`rabbitmqctl export_definitions`): its vhosts, its users with
// their tags, and every permission grant, so that a setup can tell its own objects from anyone else's.
import { z } from 'zod';
import { rabbitmqctlPath } from './broker-rabbitmqctl.ts';
import { runCommand } from './run-command.ts';

/** Tags are a list since RabbitMQ 3.9 and a comma-separated string before. */
const tags = z
  .union([z.array(z.string()), z.string()])
  .default([])
  .transform((value) => (typeof value === 'string' ? value.split(',').filter((tag) => tag !== '') : value));

const brokerStateSchema = z.looseObject({
  vhosts: z.array(
    z.looseObject({
      name: z.string(),
      metadata: z.looseObject({ tags }).optional(),
    }),
  ),
  users: z.array(z.looseObject({ name: z.string(), tags })),
  permissions: z.array(z.looseObject({ user: z.string(), vhost: z.string() })),
  policies: z.array(z.looseObject({ vhost: z.string(), name: z.string() })).default([]),
});

export type BrokerState = z.infer<typeof brokerStateSchema>;

export function parseBrokerState(json: string): BrokerState {
  return brokerStateSchema.parse(JSON.parse(json));
}

/** The node's definitions (password hashes included: keep them in memory, never print them). */
export async function readBrokerState(): Promise<BrokerState> {
  const json = await runCommand(await rabbitmqctlPath(), [
    'export_definitions',
    '-',
    '--format',
    'json',
    '-q',
  ]);
  return parseBrokerState(json);
}
