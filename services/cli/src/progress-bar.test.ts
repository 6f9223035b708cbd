import { describe, expect, it } from 'vitest';
import { progressBar } from './progress-bar.ts';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 80, write: (text: string) => writes.push(text) } };
}

describe('progress bar', () => {
  it('draws on a terminal and ends on its own line with the final count', () => {
    const { writes, stream } = fakeStream(true);
    const progress = progressBar(stream, 'publishing', 4);
    for (let i = 0; i < 4; i += 1) progress.tick();
    progress.done();
    progress.done();
    expect(writes.at(-2)).toMatch(/^\rpublishing \[#+\] 4\/4$/);
    expect(writes.at(-1)).toBe('\n');
    expect(writes.filter((text) => text === '\n')).toHaveLength(1);
  });

  it('writes nothing when the stream is not a terminal', () => {
    const { writes, stream } = fakeStream(false);
    const progress = progressBar(stream, 'publishing', 4);
    progress.tick(4);
    progress.done();
    expect(writes).toEqual([]);
  });
});
