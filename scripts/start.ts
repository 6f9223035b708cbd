// `npm start` without Docker: finds or starts RabbitMQ, NATS and a MongoDB-wire server, runs a local
// mail catcher, starts every service as a local process with the pinned Node, places a demo order and
// follows it to completion over the live event stream. Ctrl-C stops the services, then whatever
// servers this script started. The gateway gets a local-development API key (GATEWAY_DEV_API_KEY),
// which it stores hashed at start-up; this script prints how to use it. Each service connects to
// RabbitMQ as its own least-privilege user from deploy/rabbitmq/definitions.json, loaded first.
import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  amqpUrlFor,
  brokerUser,
  canLoadBrokerDefinitions,
  loadBrokerDefinitions,
  readBrokerDefinitions,
  resolveServers,
  serviceNodeFlags,
  spawnNode,
  startSmtpPeer,
  stopChildProcess,
  waitFor,
} from '@conveyor/test/support';

interface ServiceSpec {
  name: string;
  service: string;
  healthPort: number;
  env?: Record<string, string>;
}

const gatewayPort = Number(process.env.PORT ?? 8080);
const smtpPort = 1025;
/** LOCAL DEVELOPMENT ONLY, not a secret: the dashboard's login key when DASHBOARD_ADMIN_KEY is not set. */
const dashboardKey = process.env.DASHBOARD_ADMIN_KEY ?? 'local-dev-only-dashboard-key';
const dashboardPort = 8081;
/** LOCAL DEVELOPMENT ONLY, not a secret: never set GATEWAY_DEV_API_KEY on a real deployment. */
const devApiKey = process.env.GATEWAY_DEV_API_KEY ?? 'cvk_localdev_local-development-only-not-a-secret';
const specs: ServiceSpec[] = [
  {
    name: 'gateway',
    service: 'gateway',
    healthPort: gatewayPort,
    env: { PORT: String(gatewayPort), GATEWAY_DEV_API_KEY: devApiKey },
  },
  {
    name: 'fulfilment-worker-1',
    service: 'fulfilment-worker',
    healthPort: 8091,
    env: { HEALTH_PORT: '8091' },
  },
  {
    name: 'fulfilment-worker-2',
    service: 'fulfilment-worker',
    healthPort: 8095,
    env: { HEALTH_PORT: '8095' },
  },
  {
    name: 'notifier',
    service: 'notifier',
    healthPort: 8092,
    env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}` },
  },
  { name: 'scheduler', service: 'scheduler', healthPort: 8093 },
  { name: 'job-worker', service: 'job-worker', healthPort: 8094 },
  { name: 'demo-worker', service: 'demo-worker', healthPort: 8090 },
  {
    name: 'dashboard',
    service: 'dashboard',
    healthPort: dashboardPort,
    env: { PORT: String(dashboardPort), DASHBOARD_ADMIN_KEY: dashboardKey },
  },
];

const say = (line: string) => process.stdout.write(`${line}\n`);
const servers = await resolveServers({ log: say });
const mailCatcher = await startSmtpPeer({
  port: smtpPort,
  onMessage: (mail) => say(`[mail] to ${mail.to.join(', ')}: ${mail.subject ?? '(no subject)'}`),
});

/**
 * Each service's own broker URL: the definitions' users (local-development passwords) on the resolved
 * broker. An AMQP_URL given by the caller is used as it is, for every service.
 */
async function brokerUrls(): Promise<(service: string) => string> {
  if (process.env.AMQP_URL !== undefined) {
    say('RabbitMQ: AMQP_URL is set, so every service uses it as given (no per-service users)');
    return () => servers.amqpUrl;
  }
  if (!(await canLoadBrokerDefinitions())) {
    say('RabbitMQ: rabbitmqctl is not installed to load the per-service users; services connect as guest');
    return () => servers.amqpUrl;
  }
  const definitions = await readBrokerDefinitions();
  await loadBrokerDefinitions(definitions, servers.amqpUrl);
  say('RabbitMQ: loaded deploy/rabbitmq/definitions.json; each service connects as its own user');
  return (service) => amqpUrlFor(servers.amqpUrl, brokerUser(definitions, service));
}
const amqpUrlOf = await brokerUrls();
const env = {
  ...process.env,
  MONGO_URL: servers.mongoUrl,
  NATS_URL: servers.natsUrl,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
};

const children = new Map<string, ChildProcess>();
let stopping = false;
async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('\nstopping services…');
  await Promise.allSettled([...children.values()].map((child) => stopChildProcess(child)));
  await mailCatcher.close();
  await servers.stop();
  process.exit(code);
}
process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));

for (const spec of specs) {
  const child = spawnNode([...serviceNodeFlags, `services/${spec.service}/src/main.ts`], {
    env: { ...env, AMQP_URL: amqpUrlOf(spec.service), ...spec.env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.set(spec.name, child);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    say(`${spec.name} exited unexpectedly (${String(signal ?? code)})`);
    void stopAll(1);
  });
}
for (const spec of specs) {
  await waitFor(
    async () =>
      (await fetch(`http://127.0.0.1:${spec.healthPort}/readyz`).catch(() => undefined))?.ok === true,
    { what: `${spec.name} ready`, timeoutMs: 60_000, intervalMs: 200 },
  );
}

const gateway = `http://127.0.0.1:${gatewayPort}`;
say('\nConveyor is running:');
say(`  API        ${gateway}/v1   (OpenAPI: ${gateway}/docs)`);
for (const spec of specs.slice(1))
  say(`  ${spec.name.padEnd(20)} http://127.0.0.1:${spec.healthPort}/readyz`);
say(`  mail       smtp://127.0.0.1:${smtpPort} (caught mail is printed here)`);
say(`  dashboard  http://127.0.0.1:${dashboardPort}   (log in with ${dashboardKey}: local development only)`);
say(`  API key    ${devApiKey}   (local development only, tenant "default")`);
say(`             curl -H 'Authorization: Bearer ${devApiKey}' ${gateway}/v1/schedules`);
say(`             export CONVEYOR_API_KEY=${devApiKey}   # for the conveyor CLI`);
say(
  `  RabbitMQ   ${servers.amqpUrl.replace(/\/\/[^@]*@/, '//***@')}   MongoDB ${servers.mongoUrl}   NATS ${servers.natsUrl}`,
);

const authorization = `Bearer ${devApiKey}`;
const placed = await fetch(`${gateway}/v1/orders`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization },
  body: JSON.stringify({
    customerId: 'demo-customer',
    email: 'demo@example.test',
    items: [{ sku: 'WIDGET-1', qty: 2 }],
    express: true,
  }),
});
const order = (await placed.json()) as { id: string; traceId: string; links: { events: string } };
say(`\nplaced demo order ${order.id} (trace ${order.traceId}); following its events:`);
const stream = await fetch(`${gateway}${order.links.events}`, { headers: { authorization } });
for (const line of (await stream.text()).split('\n'))
  if (line.startsWith('data:')) say(`  ${line.slice(5).trim()}`);
say('\nthe demo order is done. Press Ctrl-C to stop.');

if (process.env.CONVEYOR_START_EXIT_AFTER_DEMO === '1') await stopAll(0);
await sleep(2 ** 31 - 1);
