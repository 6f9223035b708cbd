import { describe, expect, it } from 'vitest';
import { chooseSource, type SourceProbes, type StartAbility } from './choose-source.ts';
import { SERVER_SPECS } from './server-specs.ts';
import { ServerUnavailableError } from './server-unavailable-error.ts';

interface Machine {
  envUrl?: string;
  docker?: boolean;
  local?: boolean;
  start?: StartAbility;
}

/** Probes describing a machine, recording which of them were asked. */
function probesFor(machine: Machine): { probes: SourceProbes; asked: string[] } {
  const asked: string[] = [];
  const probes: SourceProbes = {
    envUrl: machine.envUrl,
    dockerAnswers: () => {
      asked.push('docker');
      return Promise.resolve(machine.docker ?? false);
    },
    localAnswers: (url) => {
      asked.push(`local ${url}`);
      return Promise.resolve(machine.local ?? false);
    },
    startAbility: () => {
      asked.push('start');
      return Promise.resolve(machine.start ?? { able: false, reason: 'nothing to start it with' });
    },
  };
  return { probes, asked };
}

const rabbitmq = SERVER_SPECS.rabbitmq;

describe('chooseSource', () => {
  it('takes the URL from the environment first, without probing anything', async () => {
    const { probes, asked } = probesFor({ envUrl: 'amqp://ci:5672', docker: true, local: true });
    await expect(chooseSource(rabbitmq, probes)).resolves.toEqual({ via: 'env', url: 'amqp://ci:5672' });
    expect(asked).toEqual([]);
  });

  it('uses a container when no URL is set and Docker answers, before looking at local ports', async () => {
    const { probes, asked } = probesFor({ docker: true, local: true, start: { able: true } });
    await expect(chooseSource(rabbitmq, probes)).resolves.toEqual({ via: 'container' });
    expect(asked).toEqual(['docker']);
  });

  it('uses the local default address when Docker is absent and a server answers there', async () => {
    const { probes, asked } = probesFor({ local: true, start: { able: true } });
    await expect(chooseSource(rabbitmq, probes)).resolves.toEqual({ via: 'local', url: rabbitmq.defaultUrl });
    expect(asked).toEqual(['docker', `local ${rabbitmq.defaultUrl}`]);
  });

  it('starts a server when nothing answers locally and one can be started', async () => {
    const { probes, asked } = probesFor({ start: { able: true } });
    await expect(chooseSource(rabbitmq, probes)).resolves.toEqual({ via: 'start' });
    expect(asked).toEqual(['docker', `local ${rabbitmq.defaultUrl}`, 'start']);
  });

  it('fails with an error naming what to start when there is no way to get the server', async () => {
    const { probes } = probesFor({ start: { able: false, reason: 'rabbitmq-server is not installed' } });
    const error = await chooseSource(rabbitmq, probes).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServerUnavailableError);
    expect(error).toMatchObject({ code: 'TEST_SERVER_UNAVAILABLE', server: 'rabbitmq' });
    const message = (error as ServerUnavailableError).message;
    expect(message).toContain('rabbitmq-server is not installed');
    expect(message).toContain('Start RabbitMQ at amqp://guest:guest@127.0.0.1:5672 or set AMQP_URL');
  });

  it('probes the default address of the server it resolves', async () => {
    const { probes, asked } = probesFor({ local: true });
    await expect(chooseSource(SERVER_SPECS.nats, probes)).resolves.toEqual({
      via: 'local',
      url: 'nats://127.0.0.1:4222',
    });
    expect(asked).toContain('local nats://127.0.0.1:4222');
  });
});
