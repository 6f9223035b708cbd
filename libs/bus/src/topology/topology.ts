// Broker topology as small named steps, each idempotent, so every service can declare what it
// consumes at start-up and `deploy/` definitions can pre-load the same shapes.
import type { Channel } from 'amqplib';
import { declareRetryTier, defaultRetryTiers, type RetryTier } from '../retries/retry-tiers.ts';
import { defaultExchangeNaming, Exchange, type ExchangeNaming } from './exchange-naming.ts';

export { Exchange } from './exchange-naming.ts';

export type QueueType = 'classic' | 'quorum';

export interface QueueBinding {
  exchange: string;
  /** Topic pattern, e.g. `order.placed.v1` or `order.*.v1`. */
  pattern: string;
}

export interface WorkQueueSpec {
  name: string;
  type?: QueueType;
  /** Classic queues only: the highest priority served (RabbitMQ recommends ≤ 10). */
  maxPriority?: number;
  /** Quorum queues only: redeliveries before the broker dead-letters (explicit; 4.x defaults to 20). */
  deliveryLimit?: number;
  bindings?: readonly QueueBinding[];
  /**
   * Bindings an earlier version declared and this one no longer consumes: removed at declaration, since
   * a durable queue keeps its bindings across restarts (unbinding one that is not there is a no-op).
   */
  retiredBindings?: readonly QueueBinding[];
  /**
   * One consumer at a time, in queue order (`x-single-active-consumer`): the queue of an ordered
   * partition. Such a classic queue has no priorities, which would reorder it.
   */
  singleActiveConsumer?: boolean;
}

export function deadLetterQueueName(queue: string): string {
  return `${queue}.dlq`;
}

export async function declareEventExchange(
  channel: Channel,
  naming: ExchangeNaming = defaultExchangeNaming,
): Promise<void> {
  await channel.assertExchange(naming.resolve(Exchange.events), 'topic', { durable: true });
}

export async function declareDeadLetterExchange(
  channel: Channel,
  naming: ExchangeNaming = defaultExchangeNaming,
): Promise<void> {
  await channel.assertExchange(naming.resolve(Exchange.deadLetters), 'direct', { durable: true });
}

export async function declareSharedTopology(
  channel: Channel,
  tiers: readonly RetryTier[] = defaultRetryTiers,
  naming: ExchangeNaming = defaultExchangeNaming,
): Promise<void> {
  await declareEventExchange(channel, naming);
  await declareDeadLetterExchange(channel, naming);
  for (const tier of tiers) await declareRetryTier(channel, tier, naming);
}

/** The fanout exchange for unroutable events and its `<exchange>.dlq` queue, bound to it. */
export async function declareUnroutableTopology(
  channel: Channel,
  exchange: string = Exchange.unroutable,
): Promise<void> {
  const queue = deadLetterQueueName(exchange);
  await channel.assertExchange(exchange, 'fanout', { durable: true });
  await channel.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'classic' } });
  await channel.bindQueue(queue, exchange, '');
}

/** Declares a work queue, its `<queue>.dlq` and its bindings. */
export async function declareWorkQueue(
  channel: Channel,
  spec: WorkQueueSpec,
  naming: ExchangeNaming = defaultExchangeNaming,
): Promise<void> {
  const type = spec.type ?? 'classic';
  const deadLetterQueue = deadLetterQueueName(spec.name);
  if (type === 'quorum') {
    await channel.assertQueue(parkedLetterQueueName(spec.name), {
      durable: true,
      arguments: { 'x-queue-type': 'quorum' },
    });
  }
  await channel.assertQueue(deadLetterQueue, {
    durable: true,
    arguments: deadLetterQueueArguments(spec.name, type),
  });
  await channel.bindQueue(deadLetterQueue, naming.resolve(Exchange.deadLetters), spec.name);
  await channel.assertQueue(spec.name, {
    durable: true,
    arguments: workQueueArguments(spec, type, naming),
  });
  for (const binding of spec.bindings ?? []) {
    await channel.bindQueue(spec.name, naming.resolve(binding.exchange), binding.pattern);
  }
  for (const binding of spec.retiredBindings ?? []) {
    await channel.unbindQueue(spec.name, naming.resolve(binding.exchange), binding.pattern);
  }
}

/** Where a quorum `.dlq` dead-letters what its delivery limit would otherwise drop; nobody consumes it. */
export function parkedLetterQueueName(queue: string): string {
  return `${deadLetterQueueName(queue)}.parked`;
}

/** Delivery limit of a quorum `.dlq`: far above what its archiver's hold-and-retry can reach. */
export const deadLetterQueueDeliveryLimit = 1_000;

function deadLetterQueueArguments(queue: string, type: QueueType): Record<string, unknown> {
  if (type !== 'quorum') return { 'x-queue-type': type };
  // A quorum queue drops a message redelivered past its delivery limit (RabbitMQ 4 defaults it to
  // 20, and a policy can lower it). The archiver holds letters instead of requeueing them while the
  // database is down, so the count stays low; should it be reached anyway, the letter is
  // dead-lettered, at least once, to `<queue>.dlq.parked` through the default exchange, not lost.
  return {
    'x-queue-type': 'quorum',
    'x-delivery-limit': deadLetterQueueDeliveryLimit,
    'x-dead-letter-exchange': '',
    'x-dead-letter-routing-key': parkedLetterQueueName(queue),
    'x-dead-letter-strategy': 'at-least-once',
    'x-overflow': 'reject-publish',
  };
}

function workQueueArguments(
  spec: WorkQueueSpec,
  type: QueueType,
  naming: ExchangeNaming,
): Record<string, unknown> {
  // Broker-side dead letters (delivery limit, rejects) land in the same `.dlq` as the host's own.
  const deadLettering = {
    'x-dead-letter-exchange': naming.resolve(Exchange.deadLetters),
    'x-dead-letter-routing-key': spec.name,
  };
  const single = spec.singleActiveConsumer === true ? { 'x-single-active-consumer': true } : {};
  if (type === 'quorum') {
    return {
      ...deadLettering,
      ...single,
      'x-queue-type': 'quorum',
      'x-delivery-limit': spec.deliveryLimit ?? 20,
      // At-least-once dead-lettering needs reject-publish overflow; otherwise it is at-most-once.
      'x-dead-letter-strategy': 'at-least-once',
      'x-overflow': 'reject-publish',
    };
  }
  if (spec.singleActiveConsumer === true) return { ...deadLettering, ...single, 'x-queue-type': 'classic' };
  return { ...deadLettering, 'x-queue-type': 'classic', 'x-max-priority': spec.maxPriority ?? 10 };
}
