import { PermanentError, RetryableError } from '@conveyor/contracts';
import { MongoClient, MongoNetworkError, MongoNetworkTimeoutError, MongoServerError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import {
  DatabaseUnavailableError,
  databaseUnavailableFrom,
  isDatabaseUnavailable,
} from './database-unavailable-error.ts';

/** A real MongoServerSelectionError: nothing listens on port 1. */
async function serverSelectionError(): Promise<unknown> {
  const client = new MongoClient('mongodb://127.0.0.1:1', { serverSelectionTimeoutMS: 100 });
  try {
    await client.db('unused').command({ ping: 1 });
    throw new Error('expected no server on 127.0.0.1:1');
  } catch (error) {
    return error;
  } finally {
    await client.close();
  }
}

describe('database unavailable', () => {
  it('recognises the driver errors of an unreachable server by class', async () => {
    const selection = await serverSelectionError();
    expect((selection as Error).name).toBe('MongoServerSelectionError');
    expect(isDatabaseUnavailable(selection)).toBe(true);
    expect(isDatabaseUnavailable(new MongoNetworkError('connection closed'))).toBe(true);
    expect(isDatabaseUnavailable(new MongoNetworkTimeoutError('timed out'))).toBe(true);
  });

  it('recognises the ResetPool and RetryableWriteError labels, and the pool-cleared error by name', () => {
    const notPrimary = new MongoServerError({
      message: 'not primary',
      code: 10107,
      errorLabels: ['RetryableWriteError'],
    });
    expect(isDatabaseUnavailable(notPrimary)).toBe(true);
    const reset = new MongoServerError({ message: 'shutting down', code: 91 });
    reset.addErrorLabel('ResetPool');
    expect(isDatabaseUnavailable(reset)).toBe(true);
    const poolCleared = Object.defineProperty(new Error('pool cleared'), 'name', {
      value: 'MongoPoolClearedError',
    });
    expect(isDatabaseUnavailable(poolCleared)).toBe(true);
  });

  it('looks along the cause chain', () => {
    const wrapped = new RetryableError('SOMETHING', 'a write failed', {
      cause: new PermanentError('INNER', 'inner', { cause: new MongoNetworkError('reset') }),
    });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
  });

  it('never judges by message text, and leaves other server errors alone', () => {
    expect(isDatabaseUnavailable(new Error('connect ECONNREFUSED 127.0.0.1:27017'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('MongoServerSelectionError: timed out'))).toBe(false);
    expect(
      isDatabaseUnavailable(new MongoServerError({ message: 'E11000 duplicate key', code: 11000 })),
    ).toBe(false);
    expect(isDatabaseUnavailable('MongoNetworkError')).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });

  it('wraps an outage as DATABASE_UNAVAILABLE, a retryable error with the driver error as its cause', () => {
    const network = new MongoNetworkError('connection <monitor> to 10.0.0.7:27017 closed');
    const unavailable = databaseUnavailableFrom(network);
    expect(unavailable).toBeInstanceOf(DatabaseUnavailableError);
    expect(unavailable).toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
      retryable: true,
      retryAfterSeconds: 5,
    });
    expect(unavailable?.cause).toBe(network);
    expect(unavailable?.message).not.toContain('10.0.0.7');
    expect(databaseUnavailableFrom(unavailable)).toBe(unavailable);
    expect(databaseUnavailableFrom(new Error('boom'))).toBeUndefined();
  });
});
