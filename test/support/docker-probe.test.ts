import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerAnswers, dockerEndpoint } from './docker-probe.ts';

describe('dockerEndpoint', () => {
  it('reads a unix socket from DOCKER_HOST', () => {
    expect(dockerEndpoint({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' })).toEqual({
      kind: 'socket',
      socketPath: '/run/user/1000/docker.sock',
    });
  });

  it('reads a TCP engine from DOCKER_HOST, with TLS when DOCKER_TLS_VERIFY is set', () => {
    expect(dockerEndpoint({ DOCKER_HOST: 'tcp://10.0.0.5' })).toEqual({
      kind: 'tcp',
      host: '10.0.0.5',
      port: 2375,
      tls: false,
    });
    expect(dockerEndpoint({ DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: '1' })).toMatchObject({
      port: 2376,
      tls: true,
    });
  });

  it('marks engines it cannot ping as unsupported', () => {
    expect(dockerEndpoint({ DOCKER_HOST: 'ssh://me@build-box' })).toEqual({
      kind: 'unsupported',
      address: 'ssh://me@build-box',
    });
  });
});

describe('dockerAnswers', () => {
  async function engineOnSocket(
    status: number,
  ): Promise<{ env: { DOCKER_HOST: string }; close(): Promise<void> }> {
    const dir = await mkdtemp(join(tmpdir(), 'docker-probe-'));
    const socketPath = join(dir, 'docker.sock');
    const server = createServer((req, res) => {
      res.statusCode = req.url === '/_ping' ? status : 404;
      res.end('OK');
    });
    server.listen(socketPath);
    await once(server, 'listening');
    return {
      env: { DOCKER_HOST: `unix://${socketPath}` },
      close: async () => {
        server.close();
        await once(server, 'close');
        await rm(dir, { recursive: true, force: true });
      },
    };
  }

  it('is true when the engine answers GET /_ping with 200', async () => {
    const engine = await engineOnSocket(200);
    try {
      await expect(dockerAnswers(engine.env)).resolves.toBe(true);
    } finally {
      await engine.close();
    }
  });

  it('is false when the engine answers the ping with an error', async () => {
    const engine = await engineOnSocket(500);
    try {
      await expect(dockerAnswers(engine.env)).resolves.toBe(false);
    } finally {
      await engine.close();
    }
  });

  it('is false when the socket does not exist', async () => {
    await expect(dockerAnswers({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' })).resolves.toBe(false);
  });
});
