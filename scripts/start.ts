// `npm start` without Docker: finds or starts RabbitMQ, NATS and a MongoDB-wire server, runs a local
// mail catcher, starts every service as a local process with the pinned Node, places a demo order and
// follows it to completion over the live event stream. Ctrl-C stops the services, then whatever
// servers this script started.
import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolveServers, spawnNode, startSmtpPeer, stopChildProcess, waitFor } from '@conveyor/test/support';

interface ServiceSpec {
  name: string;
  service: string;
  healthPort: number;
  env?: Record<string, string>;
}

const gatewayPort = Number(process.env.PORT ?? 8080);
const smtpPort = 1025;
const specs: ServiceSpec[] = [
  { name: 'gateway', service: 'gateway', healthPort: gatewayPort, env: { PORT: String(gatewayPort) } },
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
];

const say = (line: string) => process.stdout.write(`${line}\n`);
const servers = await resolveServers({ log: say });
const mailCatcher = await startSmtpPeer({
  port: smtpPort,
  onMessage: (mail) => say(`[mail] to ${mail.to.join(', ')}: ${mail.subject ?? '(no subject)'}`),
});
const env = {
  ...process.env,
  AMQP_URL: servers.amqpUrl,
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
  const child = spawnNode([`services/${spec.service}/src/main.ts`], {
    env: { ...env, ...spec.env },
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
say(
  `  RabbitMQ   ${servers.amqpUrl.replace(/\/\/[^@]*@/, '//***@')}   MongoDB ${servers.mongoUrl}   NATS ${servers.natsUrl}`,
);

const placed = await fetch(`${gateway}/v1/orders`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    customerId: 'demo-customer',
    email: 'demo@example.test',
    items: [{ sku: 'WIDGET-1', qty: 2 }],
    express: true,
  }),
});
const order = (await placed.json()) as { id: string; traceId: string; links: { events: string } };
say(`\nplaced demo order ${order.id} (trace ${order.traceId}); following its events:`);
const stream = await fetch(`${gateway}${order.links.events}`);
for (const line of (await stream.text()).split('\n'))
  if (line.startsWith('data:')) say(`  ${line.slice(5).trim()}`);
say('\nthe demo order is done. Press Ctrl-C to stop.');

if (process.env.CONVEYOR_START_EXIT_AFTER_DEMO === '1') await stopAll(0);
await sleep(2 ** 31 - 1);
