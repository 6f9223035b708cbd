export { Bus, type BusOptions, type ConsumerOptions } from './bus.ts';
export { BusConnection, type ConnectionOptions } from './connection/connection.ts';
export {
  Publisher,
  type PublisherOptions,
  type Published,
  defaultMaxBodyBytes,
  defaultMaxWaitingPublishes,
} from './publishing/publisher.ts';
export { ConsumerHost, type ConsumerHostOptions } from './consuming/consumer-host.ts';
export { RpcClient, type RpcClientOptions, type RpcRequest } from './rpc/rpc-client.ts';
export type { ConsumerStats } from './consuming/consumer-stats.ts';
export type { InboundMessage, MessageHandler } from './consuming/inbound-message.ts';
export type { OutgoingMessage, Envelope } from './envelope/envelope.ts';
export { readEnvelope, headerString } from './envelope/envelope.ts';
export type { InboxPort, InboxClaim, InboxClaimRequest, ClaimOutcome } from '@conveyor/contracts';
export { Header, DeadLetterReason } from './envelope/headers.ts';
export { defaultRetryPolicy, tierAfterFailure, type RetryPolicy } from './retries/retry-policy.ts';
export {
  defaultRetryTiers,
  declareRetryTier,
  retryExchangeName,
  type RetryTier,
} from './retries/retry-tiers.ts';
export {
  Exchange,
  declareSharedTopology,
  declareWorkQueue,
  declareUnroutableTopology,
  deadLetterQueueName,
  parkedLetterQueueName,
  type WorkQueueSpec,
  type QueueType,
  type QueueBinding,
} from './topology/topology.ts';
export {
  defaultExchangePrefix,
  defaultExchangeNaming,
  exchangeNaming,
  exchangePrefixPattern,
  type ExchangeNaming,
} from './topology/exchange-naming.ts';
export { payloadHash } from './inbox/payload-hash.ts';
export { replyBodySchema, replyType, type ReplyBody } from './rpc/reply.ts';
export { BusErrorCode } from './errors/bus-error-codes.ts';
export { PublishRefusedError } from './errors/publish-refused-error.ts';
export { UnroutableError } from './errors/unroutable-error.ts';
export { PublishTimeoutError } from './errors/publish-timeout-error.ts';
export { PublishNackedError } from './errors/publish-nacked-error.ts';
export { PublishBacklogFullError } from './errors/publish-backlog-full-error.ts';
export { BusClosedError } from './errors/bus-closed-error.ts';
export { PayloadTooLargeError } from './errors/payload-too-large-error.ts';
export {
  isUnpublishable,
  unpublishableReason,
  type StoredMessageFailure,
} from './dead-letters/unpublishable-reason.ts';
export { RequestTimeoutError } from './errors/request-timeout-error.ts';
export { RemoteError } from './errors/remote-error.ts';
export { HandlerTimeoutError } from './errors/handler-timeout-error.ts';
export { LeaseLostError } from './errors/lease-lost-error.ts';
export { LeaseRenewalFailedError } from './errors/lease-renewal-failed-error.ts';
export { HandlerStopTimeoutError } from './errors/handler-stop-timeout-error.ts';
