// Where a Docker engine would be, looked up in the order testcontainers uses: DOCKER_HOST, the
// `docker.host` of ~/.testcontainers.properties, the current Docker context, the default socket, then
// the rootless and Docker Desktop sockets. Only the first address that applies is returned.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Environment } from '../server-urls.ts';

export interface EngineAddress {
  /** A DOCKER_HOST value: unix://…, tcp://…, npipe://… or ssh://…. */
  readonly dockerHost: string;
  /** Where it came from, for the report. */
  readonly from: string;
}

export const DEFAULT_SOCKET = '/var/run/docker.sock';

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function testcontainersProperty(home: string): string | undefined {
  const text = readText(join(home, '.testcontainers.properties'));
  // A Java properties file: `key=value`, `key = value` or `key: value`.
  return text === undefined ? undefined : /^\s*docker\.host\s*[=:]\s*(\S+)\s*$/m.exec(text)?.[1];
}

/** The host of the current context, when one other than `default` is selected. */
function contextHost(env: Environment, home: string): { name: string; host: string } | undefined {
  const configDir = env.DOCKER_CONFIG ?? join(home, '.docker');
  let name = env.DOCKER_CONTEXT;
  if (name === undefined || name === '') {
    const config = readText(join(configDir, 'config.json'));
    if (config === undefined) return undefined;
    try {
      const parsed = JSON.parse(config) as { currentContext?: unknown };
      name = typeof parsed.currentContext === 'string' ? parsed.currentContext : undefined;
    } catch {
      return undefined;
    }
  }
  if (name === undefined || name === '' || name === 'default') return undefined;
  const digest = createHash('sha256').update(name).digest('hex');
  const meta = readText(join(configDir, 'contexts', 'meta', digest, 'meta.json'));
  if (meta === undefined) return undefined;
  try {
    const parsed = JSON.parse(meta) as { Endpoints?: { docker?: { Host?: unknown } } };
    const host = parsed.Endpoints?.docker?.Host;
    return typeof host === 'string' && host !== '' ? { name, host } : undefined;
  } catch {
    return undefined;
  }
}

function socketCandidates(env: Environment, home: string): string[] {
  const uid = process.getuid?.();
  return [
    DEFAULT_SOCKET,
    ...(env.XDG_RUNTIME_DIR ? [join(env.XDG_RUNTIME_DIR, 'docker.sock')] : []),
    join(home, '.docker', 'run', 'docker.sock'),
    join(home, '.docker', 'desktop', 'docker.sock'),
    ...(uid === undefined ? [] : [`/run/user/${String(uid)}/docker.sock`]),
  ];
}

export function engineAddress(env: Environment = process.env, home = homedir()): EngineAddress | undefined {
  const fromEnv = env.DOCKER_HOST?.trim();
  if (fromEnv) return { dockerHost: fromEnv, from: 'DOCKER_HOST' };
  const fromProperties = testcontainersProperty(home);
  if (fromProperties !== undefined)
    return { dockerHost: fromProperties, from: '~/.testcontainers.properties' };
  const context = contextHost(env, home);
  if (context !== undefined) return { dockerHost: context.host, from: `Docker context ${context.name}` };
  const socket = socketCandidates(env, home).find((path) => existsSync(path));
  return socket === undefined ? undefined : { dockerHost: `unix://${socket}`, from: 'socket' };
}
