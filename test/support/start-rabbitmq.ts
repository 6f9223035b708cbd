// Starts the machine's installed RabbitMQ when it is stopped, and stops it again on teardown.
import type { AcquiredServer } from './acquired-server.ts';
import type { StartAbility } from './choose-source.ts';
import { findExecutable } from './find-executable.ts';
import { runCommand } from './run-command.ts';
import { SERVER_SPECS } from './server-specs.ts';
import { amqpAnswers } from './server-probes.ts';
import { waitFor } from './wait-for.ts';

const STARTUP_TIMEOUT_MS = 120_000;

export async function rabbitmqStartAbility(): Promise<StartAbility> {
  return (await findExecutable('rabbitmq-server')) === undefined
    ? { able: false, reason: 'rabbitmq-server is not installed to start one' }
    : { able: true };
}

export async function startRabbitmq(): Promise<AcquiredServer> {
  const url = SERVER_SPECS.rabbitmq.defaultUrl;
  const server = await findExecutable('rabbitmq-server');
  if (server === undefined) throw new Error('rabbitmq-server is not installed');
  await runCommand(server, ['-detached']);
  await waitFor(() => amqpAnswers(url), {
    what: `RabbitMQ (started with rabbitmq-server -detached) to answer AMQP at ${url}`,
    timeoutMs: STARTUP_TIMEOUT_MS,
    intervalMs: 500,
  });
  return { url, how: 'started with rabbitmq-server -detached', stop: () => stopRabbitmq(url) };
}

async function stopRabbitmq(url: string): Promise<void> {
  const ctl = await findExecutable('rabbitmqctl');
  if (ctl === undefined)
    throw new Error('rabbitmqctl is not installed: stop the RabbitMQ this run started by hand');
  await runCommand(ctl, ['stop']);
  await waitFor(async () => !(await amqpAnswers(url)), {
    what: `RabbitMQ at ${url} to stop after rabbitmqctl stop`,
    timeoutMs: 60_000,
    intervalMs: 500,
  });
}
