// @conveyor/events: NATS publish/subscribe of progress and status events (best-effort, traced),
// and the JetStream KV lease behind single-leader scheduling.
export { EventsUnavailableError } from './errors/events-unavailable-error.ts';
export { LeaseConfigError } from './errors/lease-config-error.ts';
export {
  connectEvents,
  type EventHandler,
  type EventMeta,
  type EventsClient,
  type EventsOptions,
  type EventSubscription,
  type SubscribeOptions,
} from './events-client.ts';
export { createKvLease, type KvLease, type KvLeaseOptions, type LeaseHolder } from './kv-lease.ts';
export {
  runLeaderElection,
  type DemotionReason,
  type LeaderElection,
  type LeaderElectionOptions,
} from './leader-election.ts';
export type { PublishFailureReason, PublishResult } from './publish-result.ts';
