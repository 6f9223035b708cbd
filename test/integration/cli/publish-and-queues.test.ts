import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoTaskRequested } from '@conveyor/contracts';
import { uniqueName, waitFor } from '../../support/index.ts';
import { jsonOutput, runConveyor } from './conveyor-process.ts';
import { privateTopology, type PrivateTopology } from './broker-fixture.ts';

describe('conveyor publish and conveyor queues', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function topology(): Promise<PrivateTopology> {
    const created = await privateTopology();
    cleanups.push(() => created.remove());
    return created;
  }

  it('publishes --count 5 copies of a valid message, each with its own id, into a bound queue', async () => {
    const broker = await topology();
    const exchange = uniqueName('cli.events');
    const queue = uniqueName('cli.tasks');
    await broker.exchange(exchange);
    await broker.queue(queue, { exchange, pattern: demoTaskRequested.name });
    const body = { taskId: 'task-1', label: 'from the CLI' };

    const run = await runConveyor([
      'publish',
      demoTaskRequested.name,
      '--data',
      JSON.stringify(body),
      '--count',
      '5',
      '--exchange',
      exchange,
      '--json',
    ]);

    expect(run.code, run.stderr).toBe(0);
    const result = jsonOutput(run) as { count: number; messageIds: string[] };
    expect(result.count).toBe(5);
    expect(new Set(result.messageIds).size).toBe(5);
    await waitFor(async () => (await broker.depth(queue)) === 5, { what: 'five messages in the queue' });
    const bodies = await broker.drain(queue);
    expect(bodies.map((text) => JSON.parse(text) as unknown)).toEqual(Array.from({ length: 5 }, () => body));
  });

  it('publishes the body of --file with the --priority given', async () => {
    const broker = await topology();
    const exchange = uniqueName('cli.events');
    const queue = uniqueName('cli.tasks');
    await broker.exchange(exchange);
    await broker.queue(queue, { exchange, pattern: demoTaskRequested.name });
    const directory = await mkdtemp(join(tmpdir(), 'conveyor-cli-'));
    cleanups.push(() => rm(directory, { recursive: true, force: true }));
    const file = join(directory, 'task.json');
    const body = { taskId: 'task-from-file', label: 'read from a file' };
    await writeFile(file, JSON.stringify(body));

    const run = await runConveyor([
      'publish',
      demoTaskRequested.name,
      '--file',
      file,
      '--priority',
      '7',
      '--exchange',
      exchange,
    ]);

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`published ${demoTaskRequested.name} to ${exchange}`);
    const message = await waitFor(() => broker.takeOne(queue), { what: 'the published message' });
    expect(JSON.parse(message.body)).toEqual(body);
    expect(message.priority).toBe(7);
  });

  it('fails with exit code 1 when no queue is bound for the type', async () => {
    const broker = await topology();
    const exchange = uniqueName('cli.events');
    await broker.exchange(exchange);
    const run = await runConveyor([
      'publish',
      demoTaskRequested.name,
      '--data',
      '{"taskId":"t","label":"nobody listens"}',
      '--exchange',
      exchange,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`no queue is bound for ${exchange}/${demoTaskRequested.name}`);
  });

  it('exits 3 when the exchange does not exist', async () => {
    const missing = uniqueName('cli.no-such-exchange');
    const run = await runConveyor([
      'publish',
      demoTaskRequested.name,
      '--data',
      '{"taskId":"t","label":"lost"}',
      '--exchange',
      missing,
    ]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`exchange ${missing} not found`);
  });

  it('shows the depth and consumers of the queues asked for, and a missing queue as not found', async () => {
    const broker = await topology();
    const exchange = uniqueName('cli.events');
    const queue = uniqueName('cli.depth');
    const missing = uniqueName('cli.missing');
    await broker.exchange(exchange);
    await broker.queue(queue, { exchange, pattern: demoTaskRequested.name });
    const published = await runConveyor([
      'publish',
      demoTaskRequested.name,
      '--data',
      '{"taskId":"t","label":"waiting"}',
      '--count',
      '3',
      '--exchange',
      exchange,
    ]);
    expect(published.code, published.stderr).toBe(0);

    const run = await runConveyor(['queues', '--queue', queue, '--queue', missing, '--json']);

    expect(run.code, run.stderr).toBe(0);
    expect(jsonOutput(run)).toEqual({
      queues: [
        { queue, found: true, messages: 3, consumers: 0 },
        { queue: missing, found: false },
      ],
    });
  });
});
