import {
  runLeaderElection,
  type DemotionReason,
  type KvLease,
  type LeaderElection,
} from '@conveyor/leadership';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/index.ts';
import { LeaseFixture, silentLogger } from './lease-fixture.ts';

const TTL_MS = 1_500;
const RENEW_EVERY_MS = 300;

/** One contender, recording what it was told. */
function contend(
  lease: KvLease,
  name: string,
  log: string[],
): { election: LeaderElection; elected: Promise<number> } {
  let resolveElected: (token: number) => void = () => undefined;
  const elected = new Promise<number>((resolve) => {
    resolveElected = resolve;
  });
  const election = runLeaderElection({
    lease,
    renewEveryMs: RENEW_EVERY_MS,
    logger: silentLogger,
    onElected: ({ fencingToken }) => {
      log.push(`${name} elected`);
      resolveElected(fencingToken);
    },
    onDemoted: ({ reason }: { reason: DemotionReason }) => {
      log.push(`${name} demoted (${reason})`);
    },
  });
  return { election, elected };
}

describe('leader election', () => {
  const fixture = new LeaseFixture();
  const elections: LeaderElection[] = [];
  afterEach(async () => {
    await Promise.all(elections.splice(0).map((election) => election.stop()));
    await fixture.cleanUp();
  });

  it('elects one leader, keeps it while it renews, and hands over when it stops', async () => {
    const bucket = await fixture.leaseBucket();
    const log: string[] = [];
    const aLease = await fixture.lease({ bucket, ttlMs: TTL_MS });
    const a = contend(aLease, 'a', log);
    elections.push(a.election);
    const firstToken = await a.elected;
    const b = contend(await fixture.lease({ bucket, ttlMs: TTL_MS }), 'b', log);
    elections.push(b.election);

    // Only the leader writes, so each new revision is one of its renewals; six of them span more
    // than the lease time, which `a` can only outlast by renewing.
    const renewals = Math.ceil(TTL_MS / RENEW_EVERY_MS) + 1;
    await waitFor(() => (aLease.fencingToken ?? 0) >= firstToken + renewals, {
      what: `${renewals} renewals by the leader`,
      timeoutMs: TTL_MS * 4,
    });
    expect(a.election.isLeader()).toBe(true);
    expect(b.election.isLeader()).toBe(false);

    await a.election.stop();
    const token = await b.elected;

    expect(token).toBeGreaterThan(0);
    expect(b.election.isLeader()).toBe(true);
    expect(log).toEqual(['a elected', 'a demoted (stopped)', 'b elected']);
  });

  it('returns the same promise from every stop call and releases the lease', async () => {
    const bucket = await fixture.leaseBucket();
    const lease = await fixture.lease({ bucket, ttlMs: TTL_MS });
    const { election, elected } = contend(lease, 'a', []);
    await elected;

    const stopped = election.stop();
    expect(election.stop()).toBe(stopped);
    await stopped;

    expect(lease.isLeader()).toBe(false);
    expect(await lease.currentHolder()).toBeUndefined();
  });
});
