import { describe, expect, it } from 'vitest';
import { evaluateReadiness, notReady, readyUnless } from './readiness.ts';

describe('readiness', () => {
  it('is not ready when a required check gives a reason, and reports the reason', async () => {
    const report = await evaluateReadiness({
      broker: () => readyUnless(['orders: the broker cancelled the consumer']),
      database: () => true,
    });
    expect(report).toEqual({
      ready: false,
      checks: { broker: false, database: true },
      reasons: { broker: 'orders: the broker cancelled the consumer' },
    });
  });

  it('joins several reasons into one line', () => {
    expect(readyUnless(['a: down', 'b: down'])).toEqual(notReady('a: down; b: down'));
    expect(readyUnless([])).toBe(true);
  });

  it('reports an informational check without letting it decide readiness', async () => {
    const report = await evaluateReadiness({ broker: () => true }, { nats: () => notReady('NATS is away') });
    expect(report.ready).toBe(true);
    expect(report.checks).toEqual({ broker: true, nats: false });
    expect(report.reasons).toEqual({ nats: 'NATS is away' });
  });

  it('counts a check that throws as failed, with its message as the reason', async () => {
    const report = await evaluateReadiness({
      database: () => Promise.reject(new Error('MongoDB did not answer')),
    });
    expect(report).toEqual({
      ready: false,
      checks: { database: false },
      reasons: { database: 'MongoDB did not answer' },
    });
  });
});
