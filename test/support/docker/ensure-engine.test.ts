import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureEngine } from './ensure-engine.ts';

describe('ensureEngine', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  /** A stand-in engine answering GET /_ping on a Unix socket. */
  async function pingingSocket(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'ensure-engine-'));
    const socketPath = join(dir, 'docker.sock');
    const server = createServer((req, res) => {
      res.statusCode = req.url === '/_ping' ? 200 : 404;
      res.end('OK');
    });
    server.listen(socketPath);
    await once(server, 'listening');
    cleanups.push(async () => {
      server.close();
      await rm(dir, { recursive: true, force: true });
    });
    return `unix://${socketPath}`;
  }

  it('uses an engine that answers where DOCKER_HOST points, and starts nothing', async () => {
    const dockerHost = await pingingSocket();
    const engine = await ensureEngine({ env: { DOCKER_HOST: dockerHost }, log: () => undefined });
    expect(engine).toEqual({ available: true, dockerHost, how: `engine at ${dockerHost} (DOCKER_HOST)` });
  });

  it('says which engine does not answer, rather than starting another beside it', async () => {
    const lines: string[] = [];
    const engine = await ensureEngine({
      env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
      log: (line) => lines.push(line),
    });
    expect(engine).toEqual({
      available: false,
      reason: 'the engine at unix:///nonexistent/docker.sock (DOCKER_HOST) does not answer',
    });
    expect(lines).toEqual([]);
  });

  it('uses no engine at all with CONVEYOR_DOCKER=off', async () => {
    const dockerHost = await pingingSocket();
    const engine = await ensureEngine({ env: { DOCKER_HOST: dockerHost, CONVEYOR_DOCKER: 'off' } });
    expect(engine).toEqual({ available: false, reason: 'CONVEYOR_DOCKER=off' });
  });
});
