// @conveyor/events: NATS publish/subscribe of progress and status events (best-effort, traced).
// The KV lease and leader election live in @conveyor/leadership.
export { EventsUnavailableError } from './errors/events-unavailable-error.ts';
export {
  connectEvents,
  type EventHandler,
  type EventMeta,
  type EventsClient,
  type EventsOptions,
  type EventSubscription,
  type SubscribeOptions,
} from './events-client.ts';
export { EventsErrorCode } from './events-error-codes.ts';
export type { PublishFailureReason, PublishResult } from './publish-result.ts';
