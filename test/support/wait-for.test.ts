import { describe, expect, it } from 'vitest';
import { waitFor } from './wait-for.ts';
import { WaitForTimeoutError } from './wait-for-timeout-error.ts';

describe('waitFor', () => {
  it('resolves with the first value that is not false, null or undefined', async () => {
    const answers: unknown[] = [false, null, undefined, 0, 'later'];
    const value = await waitFor(() => answers.shift(), { what: 'a value', intervalMs: 1 });
    expect(value).toBe(0);
    expect(answers).toEqual(['later']);
  });

  it('awaits asynchronous checks and never runs two at once', async () => {
    let running = 0;
    let overlapped = false;
    let calls = 0;
    await waitFor(
      async () => {
        running += 1;
        overlapped ||= running > 1;
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
        calls += 1;
        return calls === 5;
      },
      { what: 'five checks', intervalMs: 0 },
    );
    expect(calls).toBe(5);
    expect(overlapped).toBe(false);
  });

  it('fails after the deadline with an error naming what it waited for', async () => {
    const error = await waitFor(() => false, {
      what: 'the queue to drain',
      timeoutMs: 30,
      intervalMs: 5,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WaitForTimeoutError);
    expect(error).toMatchObject({ code: 'WAIT_FOR_TIMEOUT', what: 'the queue to drain', timeoutMs: 30 });
    expect((error as Error).message).toBe('timed out after 30 ms waiting for the queue to drain');
  });

  it('rejects at once with the error a check throws, without retrying it', async () => {
    let calls = 0;
    const broken = new Error('check is broken');
    await expect(
      waitFor(
        () => {
          calls += 1;
          throw broken;
        },
        { what: 'anything', timeoutMs: 10_000 },
      ),
    ).rejects.toBe(broken);
    expect(calls).toBe(1);
  });
});
