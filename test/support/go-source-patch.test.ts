import { describe, expect, it } from 'vitest';
import { patchedSource, type GoSourcePatch } from './go-source-patch.ts';

const patch: GoSourcePatch = {
  module: 'example.com/m',
  file: 'a.go',
  reason: 'test',
  anchor: 'return x',
  insertBefore: 'x++\n',
};

describe('Go source patch', () => {
  it('inserts its text right before its anchor', () => {
    expect(patchedSource(patch, 'func f(x int) int {\nreturn x\n}')).toBe(
      'func f(x int) int {\nx++\nreturn x\n}',
    );
  });

  it('refuses a file without its anchor, or with it twice, naming the patch', () => {
    expect(() => patchedSource(patch, 'func f() {}')).toThrow('"test" does not apply');
    expect(() => patchedSource(patch, 'return x\nreturn x')).toThrow('"test" does not apply');
  });
});
