// Which delay tier a failed attempt goes through, and when attempts are exhausted.
import { defaultRetryTiers, type RetryTier } from './retry-tiers.ts';

export interface RetryPolicy {
  /** Total deliveries allowed, the first included; after the last failure the message is dead-lettered. */
  maxAttempts: number;
  /** Tier n is used after the n-th failure; the last tier repeats. The first also serves deferrals. */
  tiers: readonly RetryTier[];
}

export const defaultRetryPolicy: RetryPolicy = Object.freeze({ maxAttempts: 5, tiers: defaultRetryTiers });

export function tierAfterFailure(policy: RetryPolicy, failedAttempt: number): RetryTier {
  const index = Math.min(Math.max(failedAttempt - 1, 0), policy.tiers.length - 1);
  const tier = policy.tiers[index];
  if (tier === undefined) throw new TypeError('a retry policy needs at least one tier');
  return tier;
}

export function deferralTier(policy: RetryPolicy): RetryTier {
  return tierAfterFailure(policy, 1);
}

export function attemptsLeft(policy: RetryPolicy, failedAttempt: number): boolean {
  return failedAttempt < policy.maxAttempts;
}
