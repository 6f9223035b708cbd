// Finds or starts RabbitMQ, MongoDB and NATS for a test run, the same way everywhere, and stops on
// teardown exactly what it started.
import { errorMessage } from '@conveyor/contracts';
import type { AcquiredServer } from './acquired-server.ts';
import { chooseSource, type ServerSource, type SourceProbes } from './choose-source.ts';
import { dockerAnswers } from './docker-probe.ts';
import { envChoice } from './env-choice.ts';
import { LOCAL_PROVIDERS, type ServerProvider } from './server-providers.ts';
import { SERVER_KINDS, SERVER_SPECS, type ServerKind } from './server-specs.ts';
import { envUrl, type Environment, type ServerUrls } from './server-urls.ts';

export interface ResolvedServers extends ServerUrls {
  /** One line per server saying where it is and how it was found. */
  readonly report: readonly string[];
  /** Variables the servers add for the tests (e.g. RABBITMQ_CONTAINER), besides the URLs. */
  readonly env: Readonly<Record<string, string>>;
  /** Stops what the resolution started; idempotent. */
  stop(): Promise<void>;
}

/**
 * auto: the design card's order (environment URL, a container when Docker answers, the local default,
 * else start one); local: never a container; containers: a container even when a URL is set, falling
 * back to a local server (and saying why) only when none can be had.
 */
export const SERVER_SOURCES = ['auto', 'local', 'containers'] as const;
export type ServerSourcePreference = (typeof SERVER_SOURCES)[number];

/** TEST_SERVER_SOURCE, default auto. */
export function serverSourcePreference(env: Environment): ServerSourcePreference {
  return envChoice(env, 'TEST_SERVER_SOURCE', SERVER_SOURCES);
}

export interface ResolveServersOptions {
  readonly env?: Environment;
  /** Default: TEST_SERVER_SOURCE of `env`. */
  readonly source?: ServerSourcePreference;
  readonly dockerAnswers?: () => Promise<boolean>;
  readonly providers?: Readonly<Record<ServerKind, ServerProvider>>;
  /** Progress lines (e.g. a first FerretDB build); default: stderr. */
  readonly log?: (line: string) => void;
}

// A URL from the environment may carry a real password; the report is printed.
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

function memoize<T>(fn: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= fn());
}

async function acquire(
  kind: ServerKind,
  source: ServerSource,
  provider: ServerProvider,
  log: (line: string) => void,
): Promise<AcquiredServer> {
  switch (source.via) {
    case 'env':
      return { url: source.url, how: `from ${SERVER_SPECS[kind].envVar}` };
    case 'local':
      // Shared with whatever else uses it: the run works in a space of its own where the server has one.
      return provider.ownSpace === undefined
        ? { url: source.url, how: 'local default address' }
        : provider.ownSpace(source.url, 'local default address');
    case 'container':
      return provider.startContainer();
    case 'start':
      return provider.start(log);
  }
}

/** The first line of what went wrong, for a one-line report. */
function firstLine(error: unknown): string {
  const message = errorMessage(error);
  return message.split('\n')[0] ?? message;
}

/**
 * A container that cannot start (no registry to pull from, a failed build, a missing image) does not end
 * the run: the server is had the way it would be without Docker, and the report says why.
 */
async function acquireFallingBack(
  kind: ServerKind,
  source: ServerSource,
  provider: ServerProvider,
  probes: SourceProbes,
  log: (line: string) => void,
): Promise<AcquiredServer> {
  if (source.via !== 'container') return acquire(kind, source, provider, log);
  try {
    return await provider.startContainer();
  } catch (error) {
    const reason = firstLine(error);
    log(
      `${SERVER_SPECS[kind].title}: Docker answers but its container did not start (${reason}); using a local one`,
    );
    const local = await chooseSource(SERVER_SPECS[kind], {
      ...probes,
      dockerAnswers: () => Promise.resolve(false),
    });
    const server = await acquire(kind, local, provider, log);
    return { ...server, how: `${server.how}; the container did not start: ${reason}` };
  }
}

async function stopAll(servers: readonly AcquiredServer[]): Promise<void> {
  const results = await Promise.allSettled(servers.flatMap((server) => (server.stop ? [server.stop()] : [])));
  const errors = results.flatMap((result) =>
    result.status === 'rejected' ? [result.reason as unknown] : [],
  );
  if (errors.length > 0) throw new AggregateError(errors, 'stopping test servers failed');
}

export async function resolveServers(options: ResolveServersOptions = {}): Promise<ResolvedServers> {
  const env = options.env ?? process.env;
  const providers = options.providers ?? LOCAL_PROVIDERS;
  const log =
    options.log ??
    ((line: string) => {
      process.stderr.write(`[test servers] ${line}\n`);
    });
  const preference = options.source ?? serverSourcePreference(env);
  // One Docker ping serves all three servers.
  const docker = memoize(
    preference === 'local'
      ? () => Promise.resolve(false)
      : (options.dockerAnswers ?? (() => dockerAnswers(env))),
  );

  const results = await Promise.allSettled(
    SERVER_KINDS.map(async (kind) => {
      const spec = SERVER_SPECS[kind];
      const provider = providers[kind];
      const probes: SourceProbes = {
        envUrl: preference === 'containers' ? undefined : envUrl(env, spec.envVar),
        dockerAnswers: docker,
        localAnswers: (url) => provider.localAnswers(url),
        startAbility: () => provider.startAbility(),
      };
      const source = await chooseSource(spec, probes);
      if (preference === 'containers' && source.via !== 'container') {
        const server = await acquire(kind, source, provider, log);
        return { ...server, how: `${server.how}; no Docker engine answers, so no container` };
      }
      return acquireFallingBack(kind, source, provider, probes, log);
    }),
  );

  const acquired = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const errors = results.flatMap((result) =>
    result.status === 'rejected' ? [result.reason as unknown] : [],
  );
  const [rabbitmq, mongodb, nats] = acquired;
  if (errors.length > 0 || rabbitmq === undefined || mongodb === undefined || nats === undefined) {
    try {
      await stopAll(acquired);
    } catch (stopError) {
      errors.push(stopError);
    }
    if (errors.length === 1) throw errors[0];
    throw new AggregateError(errors, errors.map((error) => String(error)).join('\n'));
  }

  const servers: Readonly<Record<ServerKind, AcquiredServer>> = { rabbitmq, mongodb, nats };
  const serverEnv: Record<string, string> = {};
  for (const server of acquired) Object.assign(serverEnv, server.env);
  let stopping: Promise<void> | undefined;
  return {
    amqpUrl: rabbitmq.url,
    mongoUrl: mongodb.url,
    natsUrl: nats.url,
    env: serverEnv,
    report: SERVER_KINDS.map(
      (kind) => `${SERVER_SPECS[kind].title}: ${withoutPassword(servers[kind].url)} (${servers[kind].how})`,
    ),
    stop: () => (stopping ??= stopAll(acquired)),
  };
}
