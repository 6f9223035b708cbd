// Retry delay tiers from one variable, e.g. `1s,10s,1m,10m` (the default tiers) or `250ms,1s` (fault
// tests). Each token is both the tier's delay and its name: the broker objects are
// `conveyor.retry.<name>`, declared with that delay as their TTL, so one name always means one delay.
import { z } from 'zod';

/** The shape of a bus retry tier (`@conveyor/bus` RetryTier), without depending on the bus. */
export interface EnvRetryTier {
  name: string;
  delayMs: number;
}

const unitMs = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
const token = /^([1-9][0-9]*)(ms|s|m|h)$/;

function parseTier(text: string): EnvRetryTier | undefined {
  const match = token.exec(text);
  if (match === null) return undefined;
  const [, amount, unit] = match;
  return { name: text, delayMs: Number(amount) * unitMs[unit as keyof typeof unitMs] };
}

export const envRetryTiers = z.string().transform((list, context): EnvRetryTier[] => {
  const tokens = list
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const tiers = tokens.map(parseTier);
  const bad = tokens.filter((_, index) => tiers[index] === undefined);
  if (tokens.length === 0 || bad.length > 0) {
    context.addIssue({
      code: 'custom',
      message: `must be delays like 250ms,1s,1m separated by commas${bad.length > 0 ? ` (not ${bad.join(', ')})` : ''}`,
    });
    return z.NEVER;
  }
  return tiers.filter((tier) => tier !== undefined);
});
