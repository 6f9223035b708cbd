// Whether a Docker engine answers, found the way testcontainers finds it (docker/engine-address.ts).
// Asked with a real GET /_ping, and before anything imports testcontainers.
import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { engineAddress } from './docker/engine-address.ts';
import type { Environment } from './server-urls.ts';

export type DockerEndpoint =
  | { readonly kind: 'socket'; readonly socketPath: string }
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number; readonly tls: boolean }
  | { readonly kind: 'unsupported'; readonly address: string };

export function dockerEndpoint(env: Environment, home?: string): DockerEndpoint | undefined {
  const address = engineAddress(env, home);
  if (address === undefined) return undefined;
  const dockerHost = address.dockerHost;
  const url = new URL(dockerHost);
  if (url.protocol === 'unix:') return { kind: 'socket', socketPath: url.pathname };
  if (url.protocol === 'tcp:') {
    const verify = env.DOCKER_TLS_VERIFY;
    const tls = verify !== undefined && verify !== '' && verify !== '0';
    const port = url.port === '' ? (tls ? 2376 : 2375) : Number(url.port);
    return { kind: 'tcp', host: url.hostname, port, tls };
  }
  return { kind: 'unsupported', address: dockerHost };
}

function tlsOptions(env: Environment): RequestOptions {
  const dir = env.DOCKER_CERT_PATH ?? join(homedir(), '.docker');
  return {
    ca: readFileSync(join(dir, 'ca.pem')),
    cert: readFileSync(join(dir, 'cert.pem')),
    key: readFileSync(join(dir, 'key.pem')),
  };
}

export function dockerAnswers(env: Environment = process.env, timeoutMs = 2_000): Promise<boolean> {
  const endpoint = dockerEndpoint(env);
  // An npipe:// or ssh:// engine cannot be pinged from here, so Testcontainers is not tried for it.
  if (endpoint === undefined || endpoint.kind === 'unsupported') return Promise.resolve(false);
  return new Promise((resolve) => {
    const options: RequestOptions = { method: 'GET', path: '/_ping', timeout: timeoutMs };
    const onResponse = (res: IncomingMessage): void => {
      res.resume();
      resolve(res.statusCode === 200);
    };
    let req;
    if (endpoint.kind === 'socket') {
      req = httpRequest({ ...options, socketPath: endpoint.socketPath }, onResponse);
    } else if (!endpoint.tls) {
      req = httpRequest({ ...options, host: endpoint.host, port: endpoint.port }, onResponse);
    } else {
      let tls: RequestOptions;
      try {
        tls = tlsOptions(env);
      } catch {
        resolve(false); // no client certificates: the engine cannot be reached
        return;
      }
      req = httpsRequest({ ...options, ...tls, host: endpoint.host, port: endpoint.port }, onResponse);
    }
    req.on('timeout', () => {
      req.destroy();
    });
    req.on('error', () => {
      resolve(false);
    });
    req.end();
  });
}
