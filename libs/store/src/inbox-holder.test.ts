import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startableHolder } from './inbox-holder.ts';

/** A holders collection whose second renewal waits until the test settles it. */
function holdersWithAPendingRenewal() {
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
  return {
    holders,
    secondStarted: secondStarted.promise,
    failSecond: () => second.reject(new Error('client was closed')),
  };
}

function warnings() {
  const lines: string[] = [];
  const logger = pino(
    { level: 'warn' },
    { write: (line: string) => lines.push((JSON.parse(line) as { msg: string }).msg) },
  );
  return { logger, lines };
}

describe('inbox holder', () => {
  it('warns when a renewal fails while it runs', async () => {
    const { holders, secondStarted, failSecond } = holdersWithAPendingRenewal();
    const { logger, lines } = warnings();
    const holder = startableHolder(holders, { heartbeatMs: 5, ttlMs: 50 }, Date.now, logger);
    await holder.alive();
    await secondStarted;
    failSecond();
    await new Promise((resolve) => setImmediate(resolve));
    holder.stop();
    expect(lines).toEqual(['inbox holder liveness renewal failed; will retry']);
  });

  it('says nothing of a renewal cut short by stopping (the store closing under it)', async () => {
    const { holders, secondStarted, failSecond } = holdersWithAPendingRenewal();
    const { logger, lines } = warnings();
    const holder = startableHolder(holders, { heartbeatMs: 5, ttlMs: 50 }, Date.now, logger);
    await holder.alive();
    await secondStarted;
    holder.stop();
    failSecond();
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual([]);
  });
});
