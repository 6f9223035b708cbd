import { describe, expect, it } from 'vitest';
import { PermanentError } from '@conveyor/contracts';
import { decodeDeadLetterCursor, encodeDeadLetterCursor } from './dead-letter-cursor.ts';

describe('dead-letter page cursor', () => {
  it('round-trips the position of the last entry shown', () => {
    const position = { deadLetteredAt: new Date('2026-01-01T00:00:00.123Z'), id: 'abc.def' };
    expect(decodeDeadLetterCursor(encodeDeadLetterCursor(position))).toEqual(position);
  });

  it('rejects a cursor it did not make', () => {
    expect(() => decodeDeadLetterCursor('bm9wZQ')).toThrow(PermanentError);
  });
});
