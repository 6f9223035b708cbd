import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startableHolder } from './inbox-holder.ts';

/**
 * A running holder whose second renewal waits until the test fails it, and the warnings it logged.
 * Resolves once that renewal has started.
 */
async function holderInItsSecondRenewal() {
  const second = Promise.withResolvers<never>();
  const secondStarted = Promise.withResolvers<undefined>();
  let calls = 0;
  const holders = {
    updateOne: () => {
      calls += 1;
      if (calls === 1)
        return Promise.resolve({
          acknowledged: true,
          matchedCount: 1,
          modifiedCount: 1,
          upsertedCount: 0,
          upsertedId: null,
        });
      secondStarted.resolve(undefined);
      return second.promise;
    },
  };
  const warnings: string[] = [];
  const logger = pino(
    { level: 'warn' },
    { write: (line: string) => warnings.push((JSON.parse(line) as { msg: string }).msg) },
  );
  const holder = startableHolder(holders, { heartbeatMs: 5, ttlMs: 50 }, Date.now, logger);
  await holder.alive();
  await secondStarted.promise;
  return {
    holder,
    warnings,
    /** Fails the pending renewal and lets its handling run. */
    failIt: async () => {
      second.reject(new Error('client was closed'));
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('inbox holder', () => {
  it('warns when a renewal fails while it runs', async () => {
    const { holder, warnings, failIt } = await holderInItsSecondRenewal();
    await failIt();
    holder.stop();
    expect(warnings).toEqual(['inbox holder liveness renewal failed; will retry']);
  });

  it('says nothing of a renewal cut short by stopping (the store closing under it)', async () => {
    const { holder, warnings, failIt } = await holderInItsSecondRenewal();
    holder.stop();
    await failIt();
    expect(warnings).toEqual([]);
  });
});
