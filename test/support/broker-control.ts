// Drives the tests' RabbitMQ the way an operator would (rabbitmqctl: the host's, or the container's):
// closes only the connections a test opened (matched by connection name), so tests beside it are unharmed.
import { rabbitmqctl } from './rabbitmqctl-command.ts';
import { vhostArgs } from './run-vhost.ts';
import { serverUrls } from './server-urls.ts';

export async function closeBrokerConnections(connectionNamePrefix: string): Promise<number> {
  const stdout = await rabbitmqctl([
    'list_connections',
    '-q',
    '--no-table-headers',
    'pid',
    'client_properties',
  ]);
  const pids = stdout
    .split('\n')
    .filter((line) => line.includes(`{"connection_name","${connectionNamePrefix}`))
    .map((line) => line.split('\t')[0])
    .filter((pid): pid is string => pid !== undefined && pid.startsWith('<'));
  for (const pid of pids) await rabbitmqctl(['close_connection', pid, 'conveyor fault test']);
  return pids.length;
}

/**
 * Applies a policy to the queues matching `pattern` only (anchor it on a test-unique name), above any
 * other policy; returns a function that removes it.
 */
export async function setQueuePolicy(
  name: string,
  pattern: string,
  definition: Record<string, unknown>,
): Promise<() => Promise<void>> {
  const vhost = vhostArgs(serverUrls().amqpUrl);
  await rabbitmqctl([
    'set_policy',
    ...vhost,
    '--apply-to',
    'queues',
    '--priority',
    '100',
    name,
    pattern,
    JSON.stringify(definition),
  ]);
  return async () => {
    await rabbitmqctl(['clear_policy', ...vhost, name]);
  };
}
