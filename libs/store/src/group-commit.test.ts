import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit.ts';

/** A flush whose batches settle when the test says so. */
function heldFlushes() {
  const batches: string[][] = [];
  const releases: Array<() => void> = [];
  const flush = (_key: string, items: string[]) => {
    batches.push(items);
    return new Promise<void>((resolve) => releases.push(resolve));
  };
  const arrived = (count: number) =>
    new Promise<void>((resolve) => {
      const check = () => (batches.length >= count ? resolve() : setImmediate(check));
      check();
    });
  return { batches, releases, flush, arrived };
}

describe('group commit', () => {
  it('sends the items of one turn as one batch', async () => {
    const held = heldFlushes();
    const commit = groupCommit(held.flush, { maxWaitMs: 60_000 });
    commit.add('inbox', 'a');
    commit.add('inbox', 'b');
    await held.arrived(1);
    expect(held.batches).toEqual([['a', 'b']]);
  });

  it('holds what queues while a batch is out and sends it together once that batch settles', async () => {
    const held = heldFlushes();
    const commit = groupCommit(held.flush, { maxWaitMs: 60_000 });
    commit.add('inbox', 'a');
    await held.arrived(1);
    commit.add('inbox', 'b');
    await new Promise((resolve) => setImmediate(resolve));
    commit.add('inbox', 'c');
    expect(held.batches).toHaveLength(1);

    held.releases[0]?.();
    await held.arrived(2);
    expect(held.batches).toEqual([['a'], ['b', 'c']]);
  });

  it('keeps collections apart: a batch out for one does not hold another', async () => {
    const held = heldFlushes();
    const commit = groupCommit(held.flush, { maxWaitMs: 60_000 });
    commit.add('inbox', 'a');
    await held.arrived(1);
    commit.add('outbox_pending', 'x');
    await held.arrived(2);
    expect(held.batches).toEqual([['a'], ['x']]);
  });

  it('sends anyway after maxWaitMs behind a batch that does not return', async () => {
    const held = heldFlushes();
    const commit = groupCommit(held.flush, { maxWaitMs: 5 });
    commit.add('inbox', 'a');
    await held.arrived(1);
    commit.add('inbox', 'b');
    await held.arrived(2);
    expect(held.batches).toEqual([['a'], ['b']]);
  });

  it('goes on after a batch whose flush rejected', async () => {
    const batches: string[][] = [];
    const commit = groupCommit(
      (_key, items: string[]) => {
        batches.push(items);
        return Promise.reject(new Error('unconfirmed'));
      },
      { maxWaitMs: 60_000 },
    );
    commit.add('inbox', 'a');
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    commit.add('inbox', 'b');
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([['a'], ['b']]);
  });
});
