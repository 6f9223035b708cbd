// Vitest global setup of the integration project: resolve the servers once per run, hand their
// URLs to the test workers through the environment, and stop what was started on teardown.
import { resolveServers } from './resolve-servers.ts';
import { SERVER_SPECS } from './server-specs.ts';
import { recordServerSources } from './server-sources-record.ts';

export default async function setup(project?: { readonly name: string }): Promise<() => Promise<void>> {
  const servers = await resolveServers();
  process.env[SERVER_SPECS.rabbitmq.envVar] = servers.amqpUrl;
  process.env[SERVER_SPECS.mongodb.envVar] = servers.mongoUrl;
  process.env[SERVER_SPECS.nats.envVar] = servers.natsUrl;
  Object.assign(process.env, servers.env);
  process.stderr.write(servers.report.map((line) => `[test servers] ${line}\n`).join(''));
  recordServerSources(project?.name ?? 'integration', servers.report);
  return () => servers.stop();
}
