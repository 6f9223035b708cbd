// rabbitmqctl for the broker the tests run against: the host's for a local node, the container's own
// (docker exec) when the rig started RabbitMQ in a container (RABBITMQ_CONTAINER), never the host's
// for a broker it does not run.
import { engineCli } from './docker/docker-cli.ts';
import { rabbitmqctlPath } from './broker-rabbitmqctl.ts';
import { runCommand } from './run-command.ts';
import type { Environment } from './server-urls.ts';

export async function rabbitmqctl(args: readonly string[], env: Environment = process.env): Promise<string> {
  const container = env.RABBITMQ_CONTAINER;
  if (container === undefined || container === '') return runCommand(await rabbitmqctlPath(), args);
  const cli = await engineCli(env);
  return cli.run(['exec', container, 'rabbitmqctl', ...args]);
}
