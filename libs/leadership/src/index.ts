// @conveyor/leadership: one leader among many processes, through a JetStream KV lease (revision as
// fencing token, the server's clock) and the election loop that renews it and announces role changes.
export { LeaseConfigError } from './errors/lease-config-error.ts';
export { LeaseUnavailableError } from './errors/lease-unavailable-error.ts';
export { createKvLease, type KvLease, type KvLeaseOptions, type LeaseHolder } from './kv-lease.ts';
export {
  runLeaderElection,
  type DemotionReason,
  type LeaderElection,
  type LeaderElectionOptions,
} from './leader-election.ts';
export { LeadershipErrorCode } from './leadership-error-codes.ts';
