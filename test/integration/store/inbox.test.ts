import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxPort as BusInboxPort } from '@conveyor/bus';
import { createInbox, type Inbox, type InboxClaim, type InboxClaimRequest } from '@conveyor/store';
import { manualClock, openTestStore, type ManualClock, type TestStore } from './store-fixture.ts';

const leaseMs = 30_000;

describe('inbox', () => {
  let testStore: TestStore;
  let clock: ManualClock;
  let inbox: Inbox;

  beforeEach(async () => {
    testStore = await openTestStore();
    clock = manualClock();
    inbox = createInbox(testStore.store, { clock: clock.now });
  });

  afterEach(async () => {
    await testStore.drop();
  });

  function request(messageId: string, fields: Partial<InboxClaimRequest> = {}): InboxClaimRequest {
    return { queue: 'orders.work', messageId, payloadHash: 'hash-a', leaseMs, crashLimit: 2, ...fields };
  }

  async function acquire(claimRequest: InboxClaimRequest): Promise<InboxClaim> {
    const outcome = await inbox.claim(claimRequest);
    if (outcome.kind !== 'acquired') throw new Error(`expected acquired, got ${outcome.kind}`);
    return outcome.claim;
  }

  it('satisfies the bus inbox port', () => {
    const port: BusInboxPort = inbox;
    expect(typeof port.claim).toBe('function');
  });

  it('claims a new message', async () => {
    const outcome = await inbox.claim(request('m-1'));
    expect(outcome).toEqual({
      kind: 'acquired',
      claim: {
        queue: 'orders.work',
        messageId: 'm-1',
        payloadHash: 'hash-a',
        epoch: 1,
        crashes: 0,
        suspect: false,
      },
    });
    expect(await inbox.status('orders.work', 'm-1')).toBe('in-progress');
  });

  it('skips a message already processed', async () => {
    const claim = await acquire(request('m-1'));
    await inbox.markDone(claim);
    expect(await inbox.claim(request('m-1'))).toEqual({ kind: 'done' });
    expect(await inbox.status('orders.work', 'm-1')).toBe('done');
  });

  it('keeps one messageId apart per queue', async () => {
    await inbox.markDone(await acquire(request('m-1')));
    const other = await inbox.claim(request('m-1', { queue: 'notifier.events' }));
    expect(other.kind).toBe('acquired');
  });

  it('reports a reused messageId with another payload', async () => {
    const held = await acquire(request('m-1'));
    expect(await inbox.claim(request('m-1', { payloadHash: 'hash-b' }))).toEqual({ kind: 'reused-id' });
    await inbox.markDone(held);
    expect(await inbox.claim(request('m-1', { payloadHash: 'hash-b' }))).toEqual({ kind: 'reused-id' });
  });

  it('lets exactly one of twenty concurrent claims acquire; the others find it held', async () => {
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => inbox.claim(request('m-race'))));
    const acquired = outcomes.filter((outcome) => outcome.kind === 'acquired');
    const held = outcomes.filter((outcome) => outcome.kind === 'held');
    expect(acquired).toHaveLength(1);
    expect(held).toHaveLength(19);
    expect(held[0]).toEqual({ kind: 'held', leaseExpiresAt: new Date(clock.now() + leaseMs) });
  });

  it('defers a delivery while another holds a live lease', async () => {
    await acquire(request('m-1'));
    clock.advance(leaseMs - 1);
    expect(await inbox.claim(request('m-1'))).toMatchObject({ kind: 'held' });
  });

  it('takes over a holder whose lease expired as a crash suspect, with the next epoch', async () => {
    await acquire(request('m-1'));
    clock.advance(leaseMs + 1);
    const outcome = await inbox.claim(request('m-1'));
    expect(outcome).toEqual({
      kind: 'acquired',
      claim: {
        queue: 'orders.work',
        messageId: 'm-1',
        payloadHash: 'hash-a',
        epoch: 2,
        crashes: 0,
        suspect: true,
      },
    });
  });

  it('counts a crash only for a holder that died running the message alone', async () => {
    await acquire(request('m-1'));
    clock.advance(leaseMs + 1);
    const suspect = await acquire(request('m-1'));
    await inbox.isolate(suspect);
    clock.advance(leaseMs + 1);
    expect(await acquire(request('m-1'))).toMatchObject({ epoch: 3, crashes: 1, suspect: true });
  });

  it('declares a crash loop after crashLimit deaths alone, for every later delivery too', async () => {
    await acquire(request('m-1'));
    clock.advance(leaseMs + 1);
    await inbox.isolate(await acquire(request('m-1')));
    for (const crashes of [1, 2]) {
      clock.advance(leaseMs + 1);
      const claim = await acquire(request('m-1'));
      expect(claim).toMatchObject({ epoch: crashes + 2, crashes });
      await inbox.isolate(claim);
    }
    clock.advance(leaseMs + 1);
    expect(await inbox.claim(request('m-1'))).toEqual({ kind: 'crash-loop', crashes: 3 });
    expect(await inbox.claim(request('m-1'))).toEqual({ kind: 'crash-loop', crashes: 3 });
    expect(await inbox.status('orders.work', 'm-1')).toBe('crash-loop');
  });

  it('re-claims a released claim without counting a crash', async () => {
    const first = await acquire(request('m-1'));
    await inbox.release(first);
    expect(await inbox.status('orders.work', 'm-1')).toBe('absent');
    const second = await acquire(request('m-1'));
    expect(second).toMatchObject({ epoch: 2, crashes: 0 });
  });

  it('renews a live claim, and refuses once the claim was taken over', async () => {
    const stale = await acquire(request('m-1'));
    expect(await inbox.renew(stale, leaseMs)).toBe(true);
    clock.advance(leaseMs + 1);
    await acquire(request('m-1'));
    expect(await inbox.renew(stale, leaseMs)).toBe(false);
  });

  it('extends the lease on renewal, so the claim is not taken over', async () => {
    const claim = await acquire(request('m-1'));
    clock.advance(leaseMs - 1);
    expect(await inbox.renew(claim, leaseMs)).toBe(true);
    clock.advance(leaseMs - 1);
    expect(await inbox.claim(request('m-1'))).toMatchObject({ kind: 'held' });
  });

  it('accepts a done mark from a holder that was taken over, for the same payload', async () => {
    const stale = await acquire(request('m-1'));
    clock.advance(leaseMs + 1);
    const current = await acquire(request('m-1'));
    await inbox.markDone(current);
    await inbox.markDone(stale);
    expect(await inbox.claim(request('m-1'))).toEqual({ kind: 'done' });
  });

  it('deletes only records older than the retention cutoff', async () => {
    await inbox.markDone(await acquire(request('old')));
    clock.advance(60 * 60_000);
    const cutoff = new Date(clock.now());
    clock.advance(1);
    await inbox.markDone(await acquire(request('new')));

    const deleted = await inbox.deleteOlderThan(cutoff);

    expect(deleted).toBe(2);
    expect(await inbox.status('orders.work', 'old')).toBe('absent');
    expect(await inbox.status('orders.work', 'new')).toBe('done');
  });

  it('keeps an old claim whose lease still reaches past the cutoff', async () => {
    const claim = await acquire(request('long-running'));
    clock.advance(leaseMs / 2);
    expect(await inbox.renew(claim, leaseMs)).toBe(true);
    expect(await inbox.deleteOlderThan(new Date(clock.now()))).toBe(0);
    expect(await inbox.status('orders.work', 'long-running')).toBe('in-progress');
  });

  it('makes a done message claimable again after a reset, with a higher epoch', async () => {
    await inbox.markDone(await acquire(request('m-1')));
    await inbox.reset('orders.work', 'm-1');
    expect(await inbox.status('orders.work', 'm-1')).toBe('absent');
    const outcome = await inbox.claim(request('m-1', { payloadHash: 'hash-replayed' }));
    expect(outcome).toMatchObject({ kind: 'acquired', claim: { epoch: 3, crashes: 0 } });
  });

  it('lets a crash-looped message run again after a reset', async () => {
    await inbox.isolate(await acquire(request('m-1', { crashLimit: 0 })));
    clock.advance(leaseMs + 1);
    expect(await inbox.claim(request('m-1', { crashLimit: 0 }))).toMatchObject({ kind: 'crash-loop' });
    await inbox.reset('orders.work', 'm-1');
    expect(await inbox.claim(request('m-1', { crashLimit: 0 }))).toMatchObject({
      kind: 'acquired',
      claim: { crashes: 0 },
    });
  });

  it('claims a prefetch window in one call, each message on its own merits', async () => {
    await inbox.markDone(await acquire(request('done')));
    await acquire(request('held'));
    const outcomes = await inbox.claimMany([
      request('new-1'),
      request('done'),
      request('held'),
      request('new-1'),
    ]);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['acquired', 'done', 'held', 'held']);
  });
});
