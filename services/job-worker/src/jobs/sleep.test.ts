import { PermanentError } from '@conveyor/contracts';
import { describe, expect, it } from 'vitest';
import { sleepJob } from './sleep.ts';

function job(payload: Record<string, unknown>, signal = new AbortController().signal) {
  return sleepJob({ payload, signal });
}

describe('conveyor.sleep', () => {
  it('waits payload.ms and says so', async () => {
    await expect(job({ ms: 5 })).resolves.toMatchObject({ sleptMs: 5 });
  });

  it('refuses a payload without a whole ms for good, naming the field', async () => {
    const refused = job({ ms: 'soon' });
    await expect(refused).rejects.toBeInstanceOf(PermanentError);
    await expect(refused).rejects.toMatchObject({ code: 'INVALID_JOB_PAYLOAD' });
    await expect(refused).rejects.toThrow(/ms:/);
  });

  it('refuses a sleep longer than the default deadline', async () => {
    await expect(job({ ms: 600_001 })).rejects.toMatchObject({ code: 'INVALID_JOB_PAYLOAD' });
  });

  it('stops when its handler is aborted', async () => {
    const controller = new AbortController();
    const sleeping = job({ ms: 600_000 }, controller.signal);
    controller.abort(new Error('deadline'));
    await expect(sleeping).rejects.toThrow('deadline');
  });
});
