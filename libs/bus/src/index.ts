export { Bus, type BusOptions, type ConsumerOptions } from './bus.ts';
export { BusConnection, type ConnectionOptions } from './connection.ts';
export {
  Publisher,
  type PublisherOptions,
  type Published,
  defaultMaxBodyBytes,
  defaultMaxWaitingPublishes,
} from './publisher.ts';
export { ConsumerHost, type ConsumerHostOptions } from './consumer-host.ts';
export { RpcClient, type RpcClientOptions, type RpcRequest } from './rpc-client.ts';
export type { ConsumerStats } from './consumer-stats.ts';
export type { InboundMessage, MessageHandler } from './inbound-message.ts';
export type { OutgoingMessage, Envelope } from './envelope.ts';
export { readEnvelope, headerString } from './envelope.ts';
export type { InboxPort, InboxClaim, InboxClaimRequest, ClaimOutcome } from '@conveyor/contracts';
export { Header, DeadLetterReason } from './headers.ts';
export { defaultRetryPolicy, type RetryPolicy } from './retry-policy.ts';
export {
  Exchange,
  defaultRetryTiers,
  declareSharedTopology,
  declareWorkQueue,
  declareRetryTier,
  declareUnroutableTopology,
  deadLetterQueueName,
  parkedLetterQueueName,
  retryExchangeName,
  type RetryTier,
  type WorkQueueSpec,
  type QueueType,
  type QueueBinding,
} from './topology.ts';
export { payloadHash } from './payload-hash.ts';
export { replyBodySchema, replyType, type ReplyBody } from './reply.ts';
export { PublishRefusedError } from './errors/publish-refused-error.ts';
export { UnroutableError } from './errors/unroutable-error.ts';
export { PublishTimeoutError } from './errors/publish-timeout-error.ts';
export { PublishNackedError } from './errors/publish-nacked-error.ts';
export { PublishBacklogFullError } from './errors/publish-backlog-full-error.ts';
export { BusClosedError } from './errors/bus-closed-error.ts';
export { PayloadTooLargeError } from './errors/payload-too-large-error.ts';
export { RequestTimeoutError } from './errors/request-timeout-error.ts';
export { RemoteError } from './errors/remote-error.ts';
export { HandlerTimeoutError } from './errors/handler-timeout-error.ts';
export { LeaseLostError } from './errors/lease-lost-error.ts';
