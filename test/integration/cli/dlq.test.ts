import { afterEach, describe, expect, it } from 'vitest';
import { connectStore, createDeadLetterStore, type DeadLetterStore } from '@conveyor/store';
import { pino } from 'pino';
import { serverUrls, uniqueName } from '../../support/index.ts';
import { jsonOutput, runConveyor } from './conveyor-process.ts';
import { privateTopology } from './broker-fixture.ts';

describe('conveyor dlq', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A private database holding one archived dead letter of a private queue, as the archiver stores it. */
  async function setup() {
    const dbName = uniqueName('conveyor_cli');
    const store = await connectStore({
      url: serverUrls().mongoUrl,
      dbName,
      logger: pino({ level: 'silent' }),
      appName: 'cli-test',
    });
    await store.ensureIndexes();
    const broker = await privateTopology();
    cleanups.push(async () => {
      await broker.remove();
      await store.db.dropDatabase();
      await store.close();
    });
    const queue = uniqueName('cli.dlq-source');
    await broker.queue(queue);
    const deadLetters = createDeadLetterStore(store);
    const body = { n: 7, note: 'died once' };
    const { id } = await deadLetters.record({
      queue,
      messageId: uniqueName('msg'),
      type: 'cli.test.v1',
      reason: 'permanent-failure',
      error: 'BROKEN: n=7 is broken',
      attempts: 1,
      deadLetteredAt: new Date(),
      body: JSON.stringify(body),
      bodyEncoding: 'utf8',
      tenant: 'default',
    });
    const env = { MONGO_DB: dbName };
    return { queue, id, body, env, broker, deadLetters };
  }

  async function replayedAt(deadLetters: DeadLetterStore, id: string) {
    return (await deadLetters.get(id))?.replayedAt ?? null;
  }

  it('lists an archived dead letter with --json', async () => {
    const { queue, id, env } = await setup();
    const run = await runConveyor(['dlq', 'list', '--queue', queue, '--json'], { env });
    expect(run.code, run.stderr).toBe(0);
    const page = jsonOutput(run) as {
      entries: { id: string; queue: string; reason: string }[];
      next: unknown;
    };
    expect(page.entries).toEqual([expect.objectContaining({ id, queue, reason: 'permanent-failure' })]);
    expect(page.next).toBeNull();
  });

  it('shows one dead letter, and exits 3 for an unknown id', async () => {
    const { id, env } = await setup();
    const shown = await runConveyor(['dlq', 'show', id], { env });
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('BROKEN: n=7 is broken');
    const missing = await runConveyor(['dlq', 'show', 'no-such-letter'], { env });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('dead letter no-such-letter not found');
  });

  it('replays a dead letter into its queue and marks it replayed', async () => {
    const { queue, id, body, env, broker, deadLetters } = await setup();
    const run = await runConveyor(['dlq', 'replay', id, '--json'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(jsonOutput(run)).toMatchObject({ replayed: 1, results: [{ status: 'replayed', id, queue }] });
    expect(await broker.drain(queue)).toEqual([JSON.stringify(body)]);
    expect(await replayedAt(deadLetters, id)).toBeInstanceOf(Date);
  });

  it('replays a letter once: of two replays at once, one publishes it and the other exits 1 saying so', async () => {
    const { queue, id, body, env, broker } = await setup();
    const runs = await Promise.all([
      runConveyor(['dlq', 'replay', id, '--json'], { env }),
      runConveyor(['dlq', 'replay', id, '--json'], { env }),
    ]);
    expect(runs.map((run) => run.code).sort()).toEqual([0, 1]);
    const refused = runs.find((run) => run.code === 1);
    expect(refused?.stderr).toContain(`dead letter ${id} was not replayed: it was replayed at`);
    expect(refused && jsonOutput(refused)).toMatchObject({
      replayed: 0,
      results: [{ status: 'already-replayed', id, queue }],
    });
    expect(await broker.drain(queue)).toEqual([JSON.stringify(body)]);
  });

  it('replays every letter of a queue not replayed yet with --queue', async () => {
    const { queue, id, env, broker } = await setup();
    const first = await runConveyor(['dlq', 'replay', '--queue', queue, '--json'], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(jsonOutput(first)).toMatchObject({ replayed: 1, results: [{ id }] });
    const second = await runConveyor(['dlq', 'replay', '--queue', queue, '--json'], { env });
    expect(jsonOutput(second)).toEqual({ replayed: 0, results: [] });
    expect(await broker.depth(queue)).toBe(1);
  });

  it('purges only after confirmation, or with --yes', async () => {
    const { queue, id, env, deadLetters } = await setup();
    const declined = await runConveyor(['dlq', 'purge', '--queue', queue], { env, stdin: 'n\n' });
    expect(declined.code).toBe(1);
    expect(declined.stderr).toContain('Delete every dead letter of queue');
    expect(await deadLetters.get(id)).not.toBeNull();

    const confirmed = await runConveyor(['dlq', 'purge', '--queue', queue, '--json'], { env, stdin: 'y\n' });
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(jsonOutput(confirmed)).toEqual({ purged: 1 });
    expect(await deadLetters.get(id)).toBeNull();
  });
});
