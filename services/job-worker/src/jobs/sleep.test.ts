import { describe, expect, it } from 'vitest';
import { sleepData, sleepFor } from './sleep.ts';

describe('conveyor.sleep', () => {
  it('waits ms and says so, reporting progress up to 100', async () => {
    const reported: number[] = [];
    await expect(
      sleepFor(5, new AbortController().signal, (percent) => {
        reported.push(percent);
        return Promise.resolve();
      }),
    ).resolves.toMatchObject({ sleptMs: 5 });
    expect(reported.at(-1)).toBe(100);
  });

  it('refuses data without a whole ms, naming the field', () => {
    const refused = sleepData.safeParse({ ms: 'soon' });
    expect(refused.error?.issues[0]?.path).toEqual(['ms']);
  });

  it('refuses a sleep longer than the default deadline', () => {
    expect(sleepData.safeParse({ ms: 600_001 }).success).toBe(false);
  });

  it('stops when its signal fires, with the signal reason', async () => {
    const controller = new AbortController();
    const sleeping = sleepFor(600_000, controller.signal);
    controller.abort(new Error('deadline'));
    await expect(sleeping).rejects.toThrow('deadline');
  });
});
