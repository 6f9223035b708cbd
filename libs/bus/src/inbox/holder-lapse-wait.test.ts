import { describe, expect, it } from 'vitest';
import { waitForHolderLapse } from './holder-lapse-wait.ts';

describe('waiting for a holder to lapse', () => {
  const notStopping = { maxWaitMs: 1_000, stopping: () => false };

  it('does not wait when the holder liveness is unknown', async () => {
    expect(await waitForHolderLapse(undefined, notStopping)).toBe(false);
  });

  it('does not wait when the holder stays alive longer than the longest wait', async () => {
    expect(await waitForHolderLapse(new Date(Date.now() + 5_000), notStopping)).toBe(false);
  });

  it('waits past the holder liveness, then says to claim again', async () => {
    const aliveUntil = new Date(Date.now() + 150);
    expect(await waitForHolderLapse(aliveUntil, notStopping)).toBe(true);
    expect(Date.now()).toBeGreaterThan(aliveUntil.getTime());
  });

  it('gives up the wait once the host is stopping', async () => {
    let stopping = false;
    const waiting = waitForHolderLapse(new Date(Date.now() + 900), {
      maxWaitMs: 1_000,
      stopping: () => stopping,
    });
    stopping = true;
    expect(await waiting).toBe(false);
  });
});
