import { LeaseConfigError } from '@conveyor/leadership';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/index.ts';
import { LeaseFixture } from './lease-fixture.ts';

/** Short enough to keep the expiry tests quick; expiry is awaited by polling, never by sleeping. */
const TTL_MS = 1_500;

describe('JetStream KV lease', () => {
  const fixture = new LeaseFixture();
  afterEach(() => fixture.cleanUp());

  it('lets only one of two contenders acquire', async () => {
    const bucket = await fixture.leaseBucket();
    const first = await fixture.lease({ bucket, ttlMs: TTL_MS });
    const second = await fixture.lease({ bucket, ttlMs: TTL_MS });

    const outcomes = await Promise.all([first.tryAcquire(), second.tryAcquire()]);

    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const [winner, loser] = outcomes[0] ? [first, second] : [second, first];
    expect(winner.isLeader()).toBe(true);
    expect(winner.fencingToken).toBeGreaterThan(0);
    expect(loser.isLeader()).toBe(false);
    expect(loser.fencingToken).toBeUndefined();
    expect(await loser.currentHolder()).toMatchObject({
      holderId: winner.holderId,
      revision: winner.fencingToken,
    });
  });

  it('renews while held: a new fencing token, a fresh server time, and still exclusive', async () => {
    const bucket = await fixture.leaseBucket();
    const holder = await fixture.lease({ bucket, ttlMs: TTL_MS });
    const other = await fixture.lease({ bucket, ttlMs: TTL_MS });
    expect(await holder.tryAcquire()).toBe(true);
    const acquiredToken = holder.fencingToken ?? 0;
    const acquiredAt = holder.serverTime;

    expect(await holder.renew()).toBe(true);

    expect(holder.isLeader()).toBe(true);
    expect(holder.fencingToken).toBeGreaterThan(acquiredToken);
    expect(holder.serverTime?.getTime()).toBeGreaterThanOrEqual(acquiredAt?.getTime() ?? Infinity);
    expect(holder.remainingMs()).toBeGreaterThan(0);
    expect(holder.remainingMs()).toBeLessThanOrEqual(TTL_MS);
    expect(await other.tryAcquire()).toBe(false);
  });

  it('takes "now" from the server: serverNow starts at the entry’s timestamp and moves forward', async () => {
    const bucket = await fixture.leaseBucket();
    const holder = await fixture.lease({ bucket, ttlMs: TTL_MS });
    expect(holder.serverNow()).toBeUndefined();
    await holder.tryAcquire();

    const entry = await holder.currentHolder();
    const now = holder.serverNow();

    expect(holder.serverTime).toEqual(entry?.writtenAt);
    expect(now?.getTime()).toBeGreaterThanOrEqual(holder.serverTime?.getTime() ?? Infinity);
  });

  it('passes to the other contender once the holder stops renewing and the ttl has run out', async () => {
    const bucket = await fixture.leaseBucket();
    const holder = await fixture.lease({ bucket, ttlMs: TTL_MS });
    const follower = await fixture.lease({ bucket, ttlMs: TTL_MS });
    expect(await holder.tryAcquire()).toBe(true);
    expect(await follower.tryAcquire()).toBe(false);

    await waitFor(() => follower.tryAcquire(), {
      what: 'the follower to acquire after expiry',
      timeoutMs: TTL_MS * 4,
      intervalMs: 100,
    });

    expect(follower.isLeader()).toBe(true);
    expect(holder.isLeader()).toBe(false);
    expect(await follower.currentHolder()).toMatchObject({ holderId: follower.holderId });
  });

  it('fences a stale holder: its renewal fails once another has acquired', async () => {
    const bucket = await fixture.leaseBucket();
    const stale = await fixture.lease({ bucket, ttlMs: TTL_MS });
    const successor = await fixture.lease({ bucket, ttlMs: TTL_MS });
    expect(await stale.tryAcquire()).toBe(true);
    const staleToken = stale.fencingToken ?? 0;
    await waitFor(() => successor.tryAcquire(), {
      what: 'the successor to acquire',
      timeoutMs: TTL_MS * 4,
      intervalMs: 100,
    });

    expect(await stale.renew()).toBe(false);

    expect(stale.isLeader()).toBe(false);
    expect(stale.fencingToken).toBeUndefined();
    expect(successor.fencingToken).toBeGreaterThan(staleToken);
    expect(await successor.renew()).toBe(true);
  });

  it('releases only its own revision, so a stale holder cannot delete its successor’s lease', async () => {
    const bucket = await fixture.leaseBucket();
    const stale = await fixture.lease({ bucket, ttlMs: TTL_MS });
    const successor = await fixture.lease({ bucket, ttlMs: TTL_MS });
    expect(await stale.tryAcquire()).toBe(true);
    await waitFor(() => successor.tryAcquire(), {
      what: 'the successor to acquire',
      timeoutMs: TTL_MS * 4,
      intervalMs: 100,
    });

    expect(await stale.release()).toBe(false);
    expect(await successor.currentHolder()).toMatchObject({ holderId: successor.holderId });

    expect(await successor.release()).toBe(true);
    expect(successor.isLeader()).toBe(false);
    expect(await successor.currentHolder()).toBeUndefined();
    expect(await stale.tryAcquire()).toBe(true);
  });

  it('refuses a bucket whose max_age is not the lease time', async () => {
    const bucket = await fixture.leaseBucket();
    await fixture.lease({ bucket, ttlMs: TTL_MS });

    await expect(fixture.lease({ bucket, ttlMs: TTL_MS * 2 })).rejects.toBeInstanceOf(LeaseConfigError);
  });

  it('refuses a margin that leaves no validity', async () => {
    const bucket = await fixture.leaseBucket();

    await expect(fixture.lease({ bucket, ttlMs: TTL_MS, marginMs: TTL_MS })).rejects.toBeInstanceOf(
      LeaseConfigError,
    );
  });
});
