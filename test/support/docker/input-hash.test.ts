import { describe, expect, it } from 'vitest';
import { InputHash } from './input-hash.ts';

describe('InputHash', () => {
  it('changes when any input changes, and not otherwise', () => {
    const hash = (content: string) =>
      new InputHash().add('Dockerfile', 'FROM x').add('arg:A', content).digest();
    expect(hash('1')).toBe(hash('1'));
    expect(hash('1')).not.toBe(hash('2'));
  });

  it('frames each input by name and length, so moving bytes between inputs changes it', () => {
    const a = new InputHash().add('a', 'xy').add('b', 'z').digest();
    const b = new InputHash().add('a', 'x').add('b', 'yz').digest();
    expect(a).not.toBe(b);
  });
});
