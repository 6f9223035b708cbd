// `npm start` without Docker (even where an engine runs): finds or starts RabbitMQ, NATS and a MongoDB-wire server, sets up a
// RabbitMQ vhost and users of its own, catches mail unless SMTP_URL is given, runs every service as a
// supervised local process with the pinned Node (a crashed one is restarted with backoff), places a demo
// order and follows it to completion. Ctrl-C stops the services, then whatever servers it started.
// The caller's environment wins: AMQP_URL, MONGO_URL, NATS_URL, SMTP_URL, the ports, OTEL_*
// (scripts/start/start-settings.ts lists npm start's own variables).
import { ExitCode } from '@conveyor/runtime';
import { START_PROVIDERS, envUrl, resolveServers } from '@conveyor/test/support';
import { banner } from './start/banner.ts';
import { brokerAccess } from './start/broker-access.ts';
import { runDemoOrder } from './start/demo-order.ts';
import { mailDestination } from './start/mail-catcher.ts';
import { Shutdown } from './start/shutdown.ts';
import { stackProcesses } from './start/stack-processes.ts';
import { readStartSettings } from './start/start-settings.ts';
import { describeSupervisorEvent } from './start/supervisor-events.ts';
import { Supervisor } from './start/supervisor.ts';
import { waitUntilReady } from './start/wait-until-ready.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const shutdown = new Shutdown(say);
shutdown.exitOnSignals();

try {
  const settings = readStartSettings();
  // Not a test run's spaces: npm start sets up its own vhost, and its database is kept between starts.
  // Never containers: npm start's broker setup drives the local node's rabbitmqctl, and an engine that
  // cannot give an image must not stop it. The stack on containers is `docker compose` (README).
  const servers = await resolveServers({ log: say, providers: START_PROVIDERS, source: 'local' });
  shutdown.defer('the servers npm start started', () => servers.stop());
  for (const line of servers.report) say(line);

  const mail = await mailDestination(
    { smtpUrl: settings.SMTP_URL, catcherPort: settings.MAIL_CATCHER_PORT },
    say,
  );
  shutdown.defer('the mail catcher', () => mail.close());

  const broker = await brokerAccess(
    {
      callerAmqpUrl: envUrl(process.env, 'AMQP_URL'),
      resolvedAmqpUrl: servers.amqpUrl,
      vhost: settings.CONVEYOR_VHOST,
    },
    say,
  );

  const processes = stackProcesses({
    settings,
    callerEnv: process.env,
    servers,
    amqpUrlOf: (service) => broker.urlOf(service),
    smtpUrl: mail.smtpUrl,
  });
  const supervisor = new Supervisor({
    // A wrong environment variable: no restart cures it.
    permanentExitCodes: [ExitCode.config],
    onEvent: (event) => {
      say(describeSupervisorEvent(event));
      // A wrong environment stops a service for good: npm start was misconfigured, so it stops too.
      if (event.type === 'left-down' && event.reason === 'permanent-exit-code') void shutdown.exit(1);
    },
  });
  shutdown.defer('the services', () => supervisor.stop());
  for (const spec of processes) supervisor.start(spec);
  await waitUntilReady(processes);

  const gatewayUrl = `http://127.0.0.1:${settings.PORT}`;
  for (const line of banner({
    processes,
    gatewayUrl,
    dashboardUrl: `http://127.0.0.1:${settings.DASHBOARD_PORT}`,
    dashboardKey: settings.DASHBOARD_ADMIN_KEY,
    apiKey: settings.GATEWAY_DEV_API_KEY,
    mail: mail.description,
    servers,
    cliAmqpUrl: broker.cliUrl,
    workerAmqpUrl: broker.workerUrl,
  }))
    say(line);

  await runDemoOrder(gatewayUrl, settings.GATEWAY_DEV_API_KEY, say);
  say('\nthe demo order is done. Press Ctrl-C to stop.');
  if (settings.CONVEYOR_START_EXIT_AFTER_DEMO) await shutdown.exit(0);
  // Up until Ctrl-C, even should every service have stopped for good.
  setInterval(() => undefined, 2 ** 30);
} catch (error) {
  say(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown.exit(1);
}
