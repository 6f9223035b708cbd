// The delay tiers a failed message waits in before it comes back to its queue: their names, delays
// and broker shapes. Which tier a given failure uses is the retry policy's decision (retry-policy.ts).
import type { Channel } from 'amqplib';
import {
  defaultExchangeNaming,
  retryExchangeRoot,
  type ExchangeNaming,
} from '../topology/exchange-naming.ts';

/**
 * One delay tier: fanout exchange `conveyor.retry.<name>` → queue of the same name with a TTL that
 * dead-letters to the default exchange with the message's own routing key, i.e. the failing queue.
 * One TTL per queue, so nothing waits behind a longer delay.
 */
export interface RetryTier {
  name: string;
  delayMs: number;
}

export const defaultRetryTiers: readonly RetryTier[] = Object.freeze([
  { name: '1s', delayMs: 1_000 },
  { name: '10s', delayMs: 10_000 },
  { name: '1m', delayMs: 60_000 },
  { name: '10m', delayMs: 600_000 },
]);

/** The tier's exchange (and queue) by its default name; a Bus's ExchangeNaming gives the deployment's. */
export function retryExchangeName(tier: RetryTier): string {
  return `${retryExchangeRoot}${tier.name}`;
}

export async function declareRetryTier(
  channel: Channel,
  tier: RetryTier,
  naming: ExchangeNaming = defaultExchangeNaming,
): Promise<void> {
  const name = naming.resolve(retryExchangeName(tier));
  await channel.assertExchange(name, 'fanout', { durable: true });
  await channel.assertQueue(name, {
    durable: true,
    arguments: { 'x-message-ttl': tier.delayMs, 'x-dead-letter-exchange': '' },
  });
  await channel.bindQueue(name, name, '');
}
