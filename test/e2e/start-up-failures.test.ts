// A service that cannot start says why in JSON lines (its logger's, redaction included) and exits with
// the code libs/runtime documents: 69 for a server it needs that does not answer, 78 for a wrong
// environment. Real service processes, started the way the e2e stack starts them.
import type { ChildProcess } from 'node:child_process';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { serverUrls, serviceNodeFlags, spawnNode, uniqueName } from '../support/index.ts';
import { freePort } from './service-process.ts';

interface Ended {
  code: number | null;
  /** Every line of stdout and stderr. */
  lines: string[];
}

const databases: string[] = [];
const children = new Set<ChildProcess>();

/** Starts `services/<service>/src/main.ts` and waits for it to exit by itself. */
async function runUntilExit(service: string, env: Record<string, string>): Promise<Ended> {
  const { amqpUrl, mongoUrl, natsUrl } = serverUrls();
  const dbName = uniqueName('conveyor_start_up');
  databases.push(dbName);
  const child = spawnNode([...serviceNodeFlags, `services/${service}/src/main.ts`], {
    env: {
      ...process.env,
      AMQP_URL: amqpUrl,
      MONGO_URL: mongoUrl,
      MONGO_DB: dbName,
      NATS_URL: natsUrl,
      OTEL_EXPORTER_OTLP_ENDPOINT: '',
      LOG_LEVEL: 'info',
      HEALTH_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const lines: string[] = [];
  const keep = (chunk: Buffer) =>
    lines.push(
      ...chunk
        .toString()
        .split('\n')
        .filter((line) => line !== ''),
    );
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const code = await new Promise<number | null>((resolve) => {
    child.once('close', (exitCode) => resolve(exitCode));
  });
  children.delete(child);
  return { code, lines };
}

function notJson(lines: readonly string[]): string[] {
  return lines.filter((line) => {
    try {
      const value: unknown = JSON.parse(line);
      return typeof value !== 'object' || value === null;
    } catch {
      return true;
    }
  });
}

function fatalLines(lines: readonly string[]): Record<string, unknown>[] {
  return lines
    .filter((line) => notJson([line]).length === 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.level === 'fatal');
}

/** A local port nothing listens on (freePort closes the port it found). */
const closedPort = freePort;

describe('a service that cannot start', () => {
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    const client = await MongoClient.connect(serverUrls().mongoUrl);
    try {
      for (const name of databases) await client.db(name).dropDatabase();
    } finally {
      await client.close();
    }
  });

  it('exits 69 with only JSON lines, one naming the broker it could not reach, password masked', async () => {
    const url = `amqp://conveyor:hunter2@127.0.0.1:${await closedPort()}`;

    const { code, lines } = await runUntilExit('notifier', { AMQP_URL: url });

    expect(code).toBe(69);
    expect(notJson(lines)).toEqual([]);
    expect(fatalLines(lines)).toEqual([
      expect.objectContaining({
        service: 'notifier',
        exitCode: 69,
        err: expect.objectContaining({ code: 'DEPENDENCY_UNAVAILABLE' }) as unknown,
        msg: expect.stringMatching(
          /the broker at amqp:\/\/conveyor:\[Redacted\]@127\.0\.0\.1:\d+ is unavailable/,
        ) as unknown,
      }),
    ]);
    expect(lines.join('\n')).not.toContain('hunter2');
  });

  it('exits 69 naming the database when MongoDB does not answer', async () => {
    const url = `mongodb://127.0.0.1:${await closedPort()}`;

    const { code, lines } = await runUntilExit('notifier', { MONGO_URL: url });

    expect(code).toBe(69);
    expect(notJson(lines)).toEqual([]);
    expect(fatalLines(lines)).toEqual([
      expect.objectContaining({
        exitCode: 69,
        msg: expect.stringContaining(`start-up failed: the database at ${url} is unavailable`) as unknown,
      }),
    ]);
  });

  it('exits 69 the same way when a server only main.ts connects to (NATS for the scheduler) does not answer', async () => {
    const url = `nats://127.0.0.1:${await closedPort()}`;

    const { code, lines } = await runUntilExit('scheduler', { NATS_URL: url });

    expect(code).toBe(69);
    expect(notJson(lines)).toEqual([]);
    expect(fatalLines(lines)).toEqual([
      expect.objectContaining({
        service: 'scheduler',
        exitCode: 69,
        err: expect.objectContaining({ code: 'EVENTS_UNAVAILABLE' }) as unknown,
      }),
    ]);
  });

  it('exits 78 with a JSON line naming every wrong variable', async () => {
    const { code, lines } = await runUntilExit('notifier', {
      HEALTH_PORT: 'eighty',
      SHUTDOWN_TIMEOUT_MS: '-1',
    });

    expect(code).toBe(78);
    expect(notJson(lines)).toEqual([]);
    expect(fatalLines(lines)).toEqual([
      expect.objectContaining({
        service: 'notifier',
        exitCode: 78,
        err: expect.objectContaining({
          code: 'CONFIG_INVALID',
          issues: expect.arrayContaining([
            { variable: 'HEALTH_PORT', message: 'must be a port number' },
            { variable: 'SHUTDOWN_TIMEOUT_MS', message: 'must be greater than 0' },
          ]) as unknown,
        }) as unknown,
      }),
    ]);
  });
});
