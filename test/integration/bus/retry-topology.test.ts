import { afterEach, describe, expect, it } from 'vitest';
import { RetryableError } from '@conveyor/contracts';
import { Exchange } from '@conveyor/bus';
import { uniqueName, waitFor } from '../../support/index.ts';
import { deleteQueues, fastTiers, openBus, uniqueTaskType } from './bus-fixture.ts';

describe('retry topology', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('sends a failed message back only to the queue that failed, not to every subscriber of the event', async () => {
    const bus = await openBus(uniqueName('retry'));
    const type = uniqueTaskType();
    const failingQueue = uniqueName('retry.failing');
    const healthyQueue = uniqueName('retry.healthy');
    cleanups.push(async () => {
      await bus.close();
      await deleteQueues(failingQueue, healthyQueue);
    });
    const binding = [{ exchange: Exchange.events, pattern: type.name }];
    const failing = bus.consumer({
      queue: { name: failingQueue, bindings: binding },
      retry: { maxAttempts: 5, tiers: fastTiers },
    });
    const healthy = bus.consumer({
      queue: { name: healthyQueue, bindings: binding },
      retry: { maxAttempts: 5, tiers: fastTiers },
    });
    const failingSeen: { messageId: string; attempt: number }[] = [];
    const healthySeen: { messageId: string; attempt: number }[] = [];
    failing.on(type, (message) => {
      failingSeen.push({ messageId: message.envelope.messageId, attempt: message.envelope.attempt });
      if (message.envelope.attempt === 1) throw new RetryableError('FLAKY', 'first try fails');
    });
    healthy.on(type, (message) => {
      healthySeen.push({ messageId: message.envelope.messageId, attempt: message.envelope.attempt });
    });
    await failing.start();
    await healthy.start();

    const { messageId } = await bus.publish({
      exchange: Exchange.events,
      routingKey: type.name,
      type: type.name,
      body: { n: 1 },
    });
    await waitFor(() => failingSeen.length === 2, {
      timeoutMs: 10_000,
      what: 'the retry in the failing queue',
    });
    // The retry has come back through the tier; a copy for the healthy queue would have arrived with it.
    await waitFor(() => failing.stats.acked === 2, { timeoutMs: 5_000, what: 'the retry acked' });

    expect(failingSeen).toEqual([
      { messageId, attempt: 1 },
      { messageId, attempt: 2 },
    ]);
    expect(healthySeen).toEqual([{ messageId, attempt: 1 }]);
    expect(healthy.stats.received).toBe(1);
  });
});
