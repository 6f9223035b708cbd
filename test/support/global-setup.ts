// Vitest global setup of the integration and containers projects: resolve the servers once per run,
// hand their URLs to the test workers through the environment, and stop what was started on teardown.
// With TEST_SERVER_SOURCE=containers it first brings a Docker engine up as npm test does (installing
// and starting dockerd as root when none answers), and stops a dockerd it started.
import { ensureEngine } from './docker/ensure-engine.ts';
import { resolveServers, serverSourcePreference } from './resolve-servers.ts';
import { SERVER_SPECS } from './server-specs.ts';
import { recordServerSources } from './server-sources-record.ts';

async function engineForContainers(): Promise<(() => Promise<void>) | undefined> {
  if (serverSourcePreference(process.env) !== 'containers') return undefined;
  const engine = await ensureEngine();
  if (!engine.available) {
    process.stderr.write(`[test servers] no Docker engine: ${engine.reason}\n`);
    return undefined;
  }
  process.env.DOCKER_HOST = engine.dockerHost;
  return engine.stop;
}

export default async function setup(project?: { readonly name: string }): Promise<() => Promise<void>> {
  const stopEngine = await engineForContainers();
  const servers = await resolveServers();
  process.env[SERVER_SPECS.rabbitmq.envVar] = servers.amqpUrl;
  process.env[SERVER_SPECS.mongodb.envVar] = servers.mongoUrl;
  process.env[SERVER_SPECS.nats.envVar] = servers.natsUrl;
  Object.assign(process.env, servers.env);
  process.stderr.write(servers.report.map((line) => `[test servers] ${line}\n`).join(''));
  recordServerSources(project?.name ?? 'integration', servers.report);
  return async () => {
    await servers.stop();
    await stopEngine?.();
  };
}
