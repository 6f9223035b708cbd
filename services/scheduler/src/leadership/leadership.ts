// Single-leader election over the JetStream KV lease (@conveyor/leadership) in the scheduler's own
// bucket, whose max_age is the lease time. The leader renews, followers poll, both every quarter of
// the lease time; validity, server time and the fencing token come from the lease.
import { createKvLease, runLeaderElection, type DemotionReason } from '@conveyor/leadership';
import type { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import type { LeaderView } from './leader-view.ts';

export interface Leadership extends LeaderView {
  /** Stops contending and releases the lease if held. Idempotent. */
  stop(): Promise<void>;
}

export interface LeadershipOptions {
  readonly nc: NatsConnection;
  readonly bucket: string;
  readonly leaseMs: number;
  readonly holderId: string;
  readonly logger: Logger;
  readonly onElected: (fencingToken: number) => void | Promise<void>;
  readonly onDemoted: (reason: DemotionReason) => void | Promise<void>;
}

export const leaseKey = 'leader';

export async function startLeadership(options: LeadershipOptions): Promise<Leadership> {
  const logger = options.logger.child({ component: 'leadership' });
  const lease = await createKvLease({
    nc: options.nc,
    bucket: options.bucket,
    key: leaseKey,
    ttlMs: options.leaseMs,
    holderId: options.holderId,
    logger,
  });
  const election = runLeaderElection({
    lease,
    renewEveryMs: Math.max(50, Math.floor(options.leaseMs / 4)),
    logger,
    onElected: ({ fencingToken }) => options.onElected(fencingToken),
    onDemoted: ({ reason }) => options.onDemoted(reason),
  });
  return {
    holderId: options.holderId,
    isLeader: () => lease.isLeader(),
    fencingToken: () => (lease.isLeader() ? lease.fencingToken : undefined),
    serverNow: () => lease.serverNow(),
    stop: () => election.stop(),
  };
}
