import { describe, expect, it } from 'vitest';
import { WriteBatcher } from './write-batcher.ts';

/** A write that records each batch and answers when the test says so. */
function controlledWrite() {
  const batches: number[][] = [];
  const finishers: Array<(outcome: 'ok' | Error) => void> = [];
  const write = (items: readonly number[]) => {
    batches.push([...items]);
    return new Promise<string[]>((resolve, reject) => {
      finishers.push((outcome) => {
        if (outcome === 'ok') resolve(items.map((item) => `result ${item}`));
        else reject(outcome);
      });
    });
  };
  return { batches, finishers, write };
}

async function turn(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

describe('write batcher', () => {
  it('writes the items added in one turn as one batch and gives each its own result', async () => {
    const batches: number[][] = [];
    const batcher = new WriteBatcher({
      write: (items: readonly number[]) => {
        batches.push([...items]);
        return Promise.resolve(items.map((item) => item * 10));
      },
      maxBatch: 10,
      maxConcurrent: 1,
    });
    expect(await Promise.all([batcher.add(1), batcher.add(2), batcher.add(3)])).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('never puts more than maxBatch items in one write', async () => {
    const { batches, finishers, write } = controlledWrite();
    const batcher = new WriteBatcher({ write, maxBatch: 3, maxConcurrent: 5 });
    const results = Array.from({ length: 7 }, (_, item) => batcher.add(item));
    await turn();
    expect(batches).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    for (const finish of finishers) finish('ok');
    expect(await Promise.all(results)).toEqual(Array.from({ length: 7 }, (_, item) => `result ${item}`));
  });

  it('holds items back while maxConcurrent writes are in flight, then writes them together', async () => {
    const { batches, finishers, write } = controlledWrite();
    const batcher = new WriteBatcher({ write, maxBatch: 100, maxConcurrent: 1 });
    const first = batcher.add(1);
    await turn();
    const later = [batcher.add(2), batcher.add(3)];
    await turn();
    const more = batcher.add(4);
    await turn();
    expect(batches).toEqual([[1]]);
    finishers[0]?.('ok');
    await first;
    expect(batches).toEqual([[1], [2, 3, 4]]);
    finishers[1]?.('ok');
    expect(await Promise.all([...later, more])).toEqual(['result 2', 'result 3', 'result 4']);
  });

  it('rejects every item of a batch whose write failed, and only those', async () => {
    const { finishers, write } = controlledWrite();
    const batcher = new WriteBatcher({ write, maxBatch: 2, maxConcurrent: 2 });
    const failed = [batcher.add(1), batcher.add(2)];
    const fine = batcher.add(3);
    await turn();
    const cause = new Error('connection closed');
    finishers[0]?.(cause);
    finishers[1]?.('ok');
    for (const result of await Promise.allSettled(failed)) {
      expect(result).toEqual({ status: 'rejected', reason: cause });
    }
    expect(await fine).toBe('result 3');
  });

  it('rejects every item when the write answers for a different number of items', async () => {
    const batcher = new WriteBatcher({
      write: (items: readonly number[]) => Promise.resolve(items.slice(1)),
      maxBatch: 10,
      maxConcurrent: 1,
    });
    const results = await Promise.allSettled([batcher.add(1), batcher.add(2)]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });

  it('keeps writing after a failed batch', async () => {
    let fail = true;
    const batcher = new WriteBatcher({
      write: (items: readonly number[]) =>
        fail ? Promise.reject(new Error('unavailable')) : Promise.resolve([...items]),
      maxBatch: 10,
      maxConcurrent: 1,
    });
    await expect(batcher.add(1)).rejects.toThrow('unavailable');
    fail = false;
    expect(await batcher.add(2)).toBe(2);
  });
});
