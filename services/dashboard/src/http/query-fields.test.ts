import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { optionalInstant } from './query-fields.ts';

const form = z.object({ since: optionalInstant });

describe('time filters', () => {
  it('read a datetime-local value as UTC, the zone the pages show', () => {
    expect(form.parse({ since: '2031-03-01T10:00' }).since).toEqual(new Date('2031-03-01T10:00:00.000Z'));
    expect(form.parse({ since: '2031-03-01T10:00:05' }).since).toEqual(new Date('2031-03-01T10:00:05.000Z'));
  });

  it('take a full ISO instant with its zone', () => {
    expect(form.parse({ since: '2031-03-01T12:00:00+02:00' }).since).toEqual(
      new Date('2031-03-01T10:00:00Z'),
    );
  });

  it('treat an empty field as no filter, and refuse what is not a time, naming the field', () => {
    expect(form.parse({ since: '' }).since).toBeUndefined();
    expect(form.safeParse({ since: 'yesterday' }).error?.issues[0]?.path).toEqual(['since']);
  });
});
