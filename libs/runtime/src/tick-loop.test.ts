import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startTickLoop } from './tick-loop.ts';

describe('tick loop', () => {
  it('runs again and again, logs a failed run and goes on, and stops after the run in progress', async () => {
    const errors: string[] = [];
    const logger = pino(
      { level: 'error' },
      { write: (line: string) => errors.push((JSON.parse(line) as { msg: string }).msg) },
    );
    const thirdRun = Promise.withResolvers<undefined>();
    const finishThird = Promise.withResolvers<undefined>();
    let runs = 0;
    let inProgress = 0;
    let mostAtOnce = 0;
    const loop = startTickLoop({
      everyMs: 1,
      logger,
      what: 'test task',
      run: async () => {
        runs += 1;
        inProgress += 1;
        mostAtOnce = Math.max(mostAtOnce, inProgress);
        try {
          if (runs === 1) throw new Error('first run fails');
          if (runs === 3) {
            thirdRun.resolve(undefined);
            await finishThird.promise;
          }
        } finally {
          inProgress -= 1;
        }
      },
    });
    await thirdRun.promise;
    const stopped = loop.stop();
    finishThird.resolve(undefined);
    await stopped;

    expect(runs).toBe(3);
    expect(mostAtOnce).toBe(1);
    expect(errors).toEqual(['test task failed; retried on the next tick']);
    await expect(loop.stop()).resolves.toBeUndefined();
  });
});
