import { describe, expect, it } from 'vitest';
import type { AcquiredServer } from './acquired-server.ts';
import { resolveServers } from './resolve-servers.ts';
import type { ServerProvider } from './server-providers.ts';
import type { ServerKind } from './server-specs.ts';
import { ServerUnavailableError } from './server-unavailable-error.ts';

interface FakeMachine {
  local?: boolean;
  canStart?: boolean;
  startFails?: boolean;
  /** Docker answers, but this server's image cannot be had (no registry, say). */
  containerFails?: boolean;
}

/** Providers over an imaginary machine, counting starts, container starts and stops. */
function fakeProviders(machine: Partial<Record<ServerKind, FakeMachine>>) {
  const events: string[] = [];
  const provider = (kind: ServerKind): ServerProvider => {
    const traits = machine[kind] ?? {};
    const started = (how: string, url: string): AcquiredServer => ({
      url,
      how,
      stop: () => {
        events.push(`stop ${kind}`);
        return Promise.resolve();
      },
    });
    return {
      localAnswers: () => Promise.resolve(traits.local ?? false),
      startAbility: () =>
        Promise.resolve(
          traits.canStart === true ? { able: true } : { able: false, reason: `no ${kind} binary` },
        ),
      start: () => {
        events.push(`start ${kind}`);
        if (traits.startFails === true) return Promise.reject(new Error(`${kind} would not start`));
        return Promise.resolve(started('started', `${kind}://started`));
      },
      startContainer: () => {
        events.push(`container ${kind}`);
        if (traits.containerFails === true)
          return Promise.reject(new Error(`pull access denied for ${kind}: no registry\nmore detail`));
        return Promise.resolve(started('container', `${kind}://container`));
      },
    };
  };
  const providers: Record<ServerKind, ServerProvider> = {
    rabbitmq: provider('rabbitmq'),
    mongodb: provider('mongodb'),
    nats: provider('nats'),
  };
  return { providers, events };
}

const quiet = (): void => undefined;

describe('resolveServers', () => {
  it('mixes sources per server: env URL, local default and a started server', async () => {
    const { providers, events } = fakeProviders({ nats: { local: true }, mongodb: { canStart: true } });
    const servers = await resolveServers({
      env: { AMQP_URL: 'amqp://user:secret@ci:5672' },
      dockerAnswers: () => Promise.resolve(false),
      providers,
      log: quiet,
    });
    expect(servers.amqpUrl).toBe('amqp://user:secret@ci:5672');
    expect(servers.mongoUrl).toBe('mongodb://started');
    expect(servers.natsUrl).toBe('nats://127.0.0.1:4222');
    expect(events).toEqual(['start mongodb']);
    expect(servers.report.join('\n')).not.toContain('secret');
    await servers.stop();
  });

  it('pings Docker once for all servers and uses containers when it answers', async () => {
    const { providers, events } = fakeProviders({});
    let pings = 0;
    const servers = await resolveServers({
      env: {},
      dockerAnswers: () => {
        pings += 1;
        return Promise.resolve(true);
      },
      providers,
      log: quiet,
    });
    expect(pings).toBe(1);
    expect([servers.amqpUrl, servers.mongoUrl, servers.natsUrl]).toEqual([
      'rabbitmq://container',
      'mongodb://container',
      'nats://container',
    ]);
    expect(events.sort()).toEqual(['container mongodb', 'container nats', 'container rabbitmq']);
    await servers.stop();
  });

  it('falls back to the local server, saying why, when Docker answers but a container cannot start', async () => {
    const { providers, events } = fakeProviders({
      rabbitmq: { containerFails: true, local: true },
      nats: { containerFails: true, canStart: true },
    });
    const lines: string[] = [];
    const servers = await resolveServers({
      env: {},
      dockerAnswers: () => Promise.resolve(true),
      providers,
      log: (line) => lines.push(line),
    });
    expect(servers.amqpUrl).toBe('amqp://guest:guest@127.0.0.1:5672');
    expect(servers.mongoUrl).toBe('mongodb://container');
    expect(servers.natsUrl).toBe('nats://started');
    expect(events).toEqual(expect.arrayContaining(['container rabbitmq', 'container nats', 'start nats']));
    expect(lines.filter((line) => line.includes('its container did not start'))).toHaveLength(2);
    expect(servers.report.find((line) => line.startsWith('RabbitMQ'))).toContain(
      'the container did not start: pull access denied for rabbitmq: no registry',
    );
    await servers.stop();
  });

  it('never starts a container with the local source, though Docker answers', async () => {
    const { providers, events } = fakeProviders({
      rabbitmq: { local: true },
      mongodb: { local: true },
      nats: { local: true },
    });
    const servers = await resolveServers({
      env: {},
      source: 'local',
      dockerAnswers: () => Promise.resolve(true),
      providers,
      log: quiet,
    });
    expect(events.filter((event) => event.startsWith('container'))).toEqual([]);
    expect(servers.natsUrl).toBe('nats://127.0.0.1:4222');
    await servers.stop();
  });

  it('starts containers with the containers source even where a URL is set, and says so when it cannot', async () => {
    const env = { AMQP_URL: 'amqp://elsewhere:5672', TEST_SERVER_SOURCE: 'containers' };
    const { providers } = fakeProviders({ rabbitmq: { local: true }, mongodb: {}, nats: {} });
    const onContainers = await resolveServers({
      env,
      dockerAnswers: () => Promise.resolve(true),
      providers,
      log: quiet,
    });
    expect(onContainers.amqpUrl).toBe('rabbitmq://container');
    await onContainers.stop();

    const { providers: noEngine } = fakeProviders({
      rabbitmq: { local: true },
      mongodb: { local: true },
      nats: { local: true },
    });
    const local = await resolveServers({
      env,
      dockerAnswers: () => Promise.resolve(false),
      providers: noEngine,
      log: quiet,
    });
    expect(local.amqpUrl).toBe('amqp://guest:guest@127.0.0.1:5672');
    expect(local.report.find((line) => line.startsWith('RabbitMQ'))).toContain('no Docker engine answers');
    await local.stop();
  });

  it('refuses a TEST_SERVER_SOURCE it does not know, naming the values it takes', async () => {
    const { providers } = fakeProviders({});
    await expect(
      resolveServers({ env: { TEST_SERVER_SOURCE: 'docker' }, providers, log: quiet }),
    ).rejects.toThrow('TEST_SERVER_SOURCE must be one of auto, local, containers; got "docker"');
  });

  it('treats an empty environment variable as unset', async () => {
    const { providers } = fakeProviders({
      rabbitmq: { local: true },
      mongodb: { local: true },
      nats: { local: true },
    });
    const servers = await resolveServers({
      env: { AMQP_URL: '', MONGO_URL: ' ' },
      dockerAnswers: () => Promise.resolve(false),
      providers,
      log: quiet,
    });
    expect(servers.amqpUrl).toBe('amqp://guest:guest@127.0.0.1:5672');
    expect(servers.mongoUrl).toBe('mongodb://127.0.0.1:27017');
    await servers.stop();
  });

  it('gives the run a space of its own on a shared local server, and removes it on stop', async () => {
    const { providers, events } = fakeProviders({
      rabbitmq: { local: true },
      mongodb: { local: true },
      nats: { local: true },
    });
    const rabbitmq = providers.rabbitmq;
    const withVhost: ServerProvider = {
      ...rabbitmq,
      ownSpace: (url, how) =>
        Promise.resolve({
          url: `${url}/run-vhost`,
          how: `${how}, in a vhost of this run`,
          stop: () => {
            events.push('delete vhost');
            return Promise.resolve();
          },
        }),
    };
    const servers = await resolveServers({
      env: {},
      dockerAnswers: () => Promise.resolve(false),
      providers: { ...providers, rabbitmq: withVhost },
      log: quiet,
    });
    expect(servers.amqpUrl).toBe('amqp://guest:guest@127.0.0.1:5672/run-vhost');
    expect(servers.report[0]).toContain('in a vhost of this run');
    await servers.stop();
    expect(events).toEqual(['delete vhost']);
  });

  it('stops only what it started, once, however often stop is called', async () => {
    const { providers, events } = fakeProviders({
      rabbitmq: { local: true },
      mongodb: { canStart: true },
      nats: { canStart: true },
    });
    const servers = await resolveServers({
      env: {},
      dockerAnswers: () => Promise.resolve(false),
      providers,
      log: quiet,
    });
    const first = servers.stop();
    const second = servers.stop();
    expect(second).toBe(first);
    await first;
    expect(events.filter((event) => event.startsWith('stop')).sort()).toEqual(['stop mongodb', 'stop nats']);
  });

  it('fails naming the missing server and stops the servers it had already started', async () => {
    const { providers, events } = fakeProviders({ rabbitmq: { canStart: true }, nats: { canStart: true } });
    const attempt = resolveServers({
      env: {},
      dockerAnswers: () => Promise.resolve(false),
      providers,
      log: quiet,
    });
    await expect(attempt).rejects.toBeInstanceOf(ServerUnavailableError);
    await expect(attempt).rejects.toThrow(/MongoDB is not available.*no mongodb binary.*set MONGO_URL/);
    expect(events.filter((event) => event.startsWith('stop')).sort()).toEqual(['stop nats', 'stop rabbitmq']);
  });

  it('reports every server that could not be had, not only the first', async () => {
    const { providers } = fakeProviders({ nats: { canStart: true, startFails: true } });
    const attempt = resolveServers({
      env: {},
      dockerAnswers: () => Promise.resolve(false),
      providers,
      log: quiet,
    });
    await expect(attempt).rejects.toBeInstanceOf(AggregateError);
    await expect(attempt).rejects.toThrow(
      /RabbitMQ is not available[\s\S]*MongoDB is not available[\s\S]*nats would not start/,
    );
  });
});
