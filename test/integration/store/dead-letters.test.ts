import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermanentError } from '@conveyor/contracts';
import {
  createDeadLetterStore,
  decodeDeadLetterBody,
  encodeDeadLetterBody,
  type DeadLetterStore,
  type NewDeadLetter,
} from '@conveyor/store';
import { openTestStore, type TestStore } from './store-fixture.ts';

const firstDeath = new Date('2026-01-01T10:00:00.000Z');

function deadLetter(fields: Partial<NewDeadLetter> = {}): NewDeadLetter {
  return {
    queue: 'fulfilment.work',
    messageId: 'm-1',
    type: 'order.placed.v1',
    reason: 'attempts-exhausted',
    error: 'payment provider kept timing out',
    attempts: 5,
    deadLetteredAt: firstDeath,
    ...encodeDeadLetterBody(Buffer.from('{"orderId":"o-1"}')),
    properties: {
      priority: 5,
      correlationId: 'c-1',
      contentType: 'application/json',
      headers: { 'x-tenant': 'acme', 'conveyor.attempt': 5, $odd: 'kept', 'x-first-death': firstDeath },
    },
    tenant: 'acme',
    ...fields,
  };
}

describe('dead-letter store', () => {
  let testStore: TestStore;
  let deadLetters: DeadLetterStore;

  beforeEach(async () => {
    testStore = await openTestStore();
    deadLetters = createDeadLetterStore(testStore.store);
  });

  afterEach(async () => {
    await testStore.drop();
  });

  it('records the same dead-lettered delivery once', async () => {
    const first = await deadLetters.record(deadLetter());
    const again = await deadLetters.record(deadLetter());
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(await deadLetters.countByQueue()).toEqual([{ queue: 'fulfilment.work', count: 1 }]);
  });

  it('keeps a second dead-lettering of the same message as its own record', async () => {
    const first = await deadLetters.record(deadLetter());
    const later = await deadLetters.record(
      deadLetter({ deadLetteredAt: new Date(firstDeath.getTime() + 60_000) }),
    );
    expect(later.id).not.toBe(first.id);
    expect(later.created).toBe(true);
  });

  it('returns an entry with what replay needs, headers as they were', async () => {
    const { id } = await deadLetters.record(deadLetter());
    const entry = await deadLetters.get(id);
    expect(entry).toEqual({
      id,
      queue: 'fulfilment.work',
      messageId: 'm-1',
      type: 'order.placed.v1',
      reason: 'attempts-exhausted',
      error: 'payment provider kept timing out',
      attempts: 5,
      deadLetteredAt: firstDeath,
      body: '{"orderId":"o-1"}',
      bodyEncoding: 'utf8',
      properties: {
        priority: 5,
        correlationId: 'c-1',
        contentType: 'application/json',
        headers: { 'x-tenant': 'acme', 'conveyor.attempt': 5, $odd: 'kept', 'x-first-death': firstDeath },
      },
      tenant: 'acme',
      origin: null,
      replayedAt: null,
    });
    expect(await deadLetters.get('no-such-id')).toBeNull();
  });

  it('keeps a binary body byte for byte', async () => {
    const bytes = Buffer.from([0xff, 0x00, 0xfe, 0x41]);
    const { id } = await deadLetters.record(
      deadLetter({ messageId: null, reason: 'missing-message-id', ...encodeDeadLetterBody(bytes) }),
    );
    const entry = await deadLetters.get(id);
    expect(entry?.bodyEncoding).toBe('base64');
    expect(entry === null ? null : decodeDeadLetterBody(entry)).toEqual(bytes);
  });

  it('lists newest first, page by page, filtered by queue and reason', async () => {
    for (let minute = 0; minute < 5; minute += 1) {
      await deadLetters.record(
        deadLetter({
          messageId: `m-${minute}`,
          deadLetteredAt: new Date(firstDeath.getTime() + minute * 60_000),
        }),
      );
    }
    await deadLetters.record(deadLetter({ queue: 'notifier.events', reason: 'invalid-body' }));

    const first = await deadLetters.list({ queue: 'fulfilment.work', limit: 2 });
    expect(first.entries.map((entry) => entry.messageId)).toEqual(['m-4', 'm-3']);
    expect(first.next).not.toBeNull();
    const second = await deadLetters.list({ queue: 'fulfilment.work', limit: 2, after: first.next ?? '' });
    expect(second.entries.map((entry) => entry.messageId)).toEqual(['m-2', 'm-1']);
    const last = await deadLetters.list({ queue: 'fulfilment.work', limit: 2, after: second.next ?? '' });
    expect(last.entries.map((entry) => entry.messageId)).toEqual(['m-0']);
    expect(last.next).toBeNull();

    const invalid = await deadLetters.list({ reason: 'invalid-body' });
    expect(invalid.entries.map((entry) => entry.queue)).toEqual(['notifier.events']);
  });

  it('marks a record replayed', async () => {
    const { id } = await deadLetters.record(deadLetter());
    const at = new Date('2026-01-02T08:00:00.000Z');
    expect(await deadLetters.markReplayed(id, at)).toBe(true);
    expect((await deadLetters.get(id))?.replayedAt).toEqual(at);
    expect(await deadLetters.markReplayed('no-such-id', at)).toBe(false);
  });

  it('purges by queue or by ids, and refuses an unbounded purge', async () => {
    const kept = await deadLetters.record(deadLetter({ messageId: 'kept' }));
    const doomed = await deadLetters.record(deadLetter({ messageId: 'doomed' }));
    await deadLetters.record(deadLetter({ queue: 'notifier.events' }));
    await deadLetters.record(deadLetter({ queue: 'notifier.events', messageId: 'm-2' }));

    expect(await deadLetters.purge({ ids: [doomed.id] })).toBe(1);
    expect(await deadLetters.purge({ queue: 'notifier.events' })).toBe(2);
    expect(await deadLetters.countByQueue()).toEqual([{ queue: 'fulfilment.work', count: 1 }]);
    expect(await deadLetters.get(kept.id)).not.toBeNull();
    await expect(deadLetters.purge({})).rejects.toBeInstanceOf(PermanentError);
  });

  it('counts records per queue', async () => {
    await deadLetters.record(deadLetter({ messageId: 'a' }));
    await deadLetters.record(deadLetter({ messageId: 'b' }));
    await deadLetters.record(deadLetter({ queue: 'notifier.events' }));
    expect(await deadLetters.countByQueue()).toEqual([
      { queue: 'fulfilment.work', count: 2 },
      { queue: 'notifier.events', count: 1 },
    ]);
  });

  it('rejects an entry it could not replay', async () => {
    await expect(deadLetters.record(deadLetter({ queue: '' }))).rejects.toMatchObject({
      code: 'DEAD_LETTER_INVALID',
    });
  });
});
