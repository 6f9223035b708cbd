import { PermanentError, RetryableError } from '@conveyor/contracts';
import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy } from '../retries/retry-policy.ts';
import { deadLetterOfClaim, deadLetterOfFailure } from './poison-verdicts.ts';

describe('poison verdicts', () => {
  it('dead-letters a permanent failure at once, with its code and message', () => {
    expect(deadLetterOfFailure(new PermanentError('NOPE', 'never works'), 1, defaultRetryPolicy)).toEqual({
      reason: 'permanent-failure',
      error: 'NOPE: never works',
    });
  });

  it('retries a retryable failure while attempts are left, then dead-letters it as exhausted', () => {
    const error = new RetryableError('LATER', 'try again');
    const last = defaultRetryPolicy.maxAttempts;
    expect(deadLetterOfFailure(error, last - 1, defaultRetryPolicy)).toBeUndefined();
    expect(deadLetterOfFailure(error, last, defaultRetryPolicy)).toEqual({
      reason: 'attempts-exhausted',
      error: 'LATER: try again',
    });
  });

  it('names a crash loop with the crashes counted, and a reused id', () => {
    expect(deadLetterOfClaim({ kind: 'crash-loop', crashes: 4 })).toEqual({
      reason: 'crash-loop',
      error: 'the process handling it died 4 times',
    });
    expect(deadLetterOfClaim({ kind: 'reused-id' }).reason).toBe('reused-id');
  });
});
