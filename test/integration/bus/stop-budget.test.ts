import { afterEach, describe, expect, it } from 'vitest';
import { Exchange, HandlerStopTimeoutError } from '@conveyor/bus';
import { uniqueName, waitFor } from '../../support/index.ts';
import { deleteQueues, fastTiers, openBus, uniqueTaskType } from './bus-fixture.ts';
import { createInbox, openTestStore } from './store-fixture.ts';

describe('stopping a consumer host with a budget', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('aborts a handler that outlives the budget and hands its message back: no attempt, no crash', async () => {
    const { store, drop } = await openTestStore();
    const queue = uniqueName('stop-budget.q');
    const type = uniqueTaskType();
    const stoppingBus = await openBus(uniqueName('stopping'));
    const nextBus = await openBus(uniqueName('next'));
    cleanups.push(async () => {
      await stoppingBus.close();
      await nextBus.close();
      await deleteQueues(queue);
      await drop();
    });
    // A claim left unreleased would come back held (deferred) or taken over as a crash suspect.
    const consumer = (bus: typeof stoppingBus) =>
      bus.consumer({
        queue: { name: queue, bindings: [{ exchange: Exchange.events, pattern: type.name }] },
        prefetch: 1,
        inbox: createInbox(store),
        crashLimit: 0,
        retry: { maxAttempts: 3, tiers: fastTiers },
        stopTimeoutMs: 300,
      });

    const stopping = consumer(stoppingBus);
    let abortReason: unknown;
    let running = false;
    stopping.on(type, (message) => {
      running = true;
      message.signal.addEventListener('abort', () => {
        abortReason = message.signal.reason;
      });
      // Never settles, whatever its signal says: only the budget ends it.
      return new Promise<never>(() => undefined);
    });
    await stopping.start();
    await stoppingBus.publish({
      exchange: Exchange.events,
      routingKey: type.name,
      type: type.name,
      body: { n: 1 },
    });
    await waitFor(() => running, { timeoutMs: 5_000, what: 'the handler running' });

    let stopped = false;
    void stopping.stop().then(() => {
      stopped = true;
    });
    await waitFor(() => stopped, { timeoutMs: 10_000, what: 'stop() resolved once its budget ran out' });

    expect(abortReason).toBeInstanceOf(HandlerStopTimeoutError);
    expect(stopping.stats).toMatchObject({ handedBack: 1, acked: 0, retried: 0, deadLettered: 0 });

    const next = consumer(nextBus);
    const claims: {
      epoch: number | undefined;
      crashes: number | undefined;
      suspect: boolean | undefined;
      attempt: number;
    }[] = [];
    next.on(type, (message) => {
      claims.push({
        epoch: message.claim?.epoch,
        crashes: message.claim?.crashes,
        suspect: message.claim?.suspect,
        attempt: message.envelope.attempt,
      });
    });
    await next.start();
    await waitFor(() => next.stats.acked === 1, {
      timeoutMs: 10_000,
      what: 'the handed-back message handled',
    });

    expect(claims).toEqual([{ epoch: 2, crashes: 0, suspect: false, attempt: 1 }]);
    expect(next.stats).toMatchObject({ deadLettered: 0, deferred: 0, retried: 0 });
  });
});
