// Vitest global setup of the integration project: resolve the servers once per run, hand their
// URLs to the test workers through the environment, and stop what was started on teardown.
import { resolveServers } from './resolve-servers.ts';
import { SERVER_SPECS } from './server-specs.ts';

export default async function setup(): Promise<() => Promise<void>> {
  const servers = await resolveServers();
  process.env[SERVER_SPECS.rabbitmq.envVar] = servers.amqpUrl;
  process.env[SERVER_SPECS.mongodb.envVar] = servers.mongoUrl;
  process.env[SERVER_SPECS.nats.envVar] = servers.natsUrl;
  process.stderr.write(servers.report.map((line) => `[test servers] ${line}\n`).join(''));
  return () => servers.stop();
}
