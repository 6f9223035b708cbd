// Database hiccups under the inbox: a claim, done-mark or release that fails is tried again while the
// delivery is held, so a hiccup is neither a broker redelivery nor a crash (nor a crash-loop letter).
// The failures are injected in front of the real inbox on the real server: the first writes of a
// kind fail the way a dropped connection does.
import { afterEach, describe, expect, it } from 'vitest';
import { Exchange, deadLetterQueueName, type InboxPort } from '@conveyor/bus';
import { RetryableError } from '@conveyor/contracts';
import { MongoNetworkError } from 'mongodb';
import { uniqueName, waitFor } from '../../support/index.ts';
import { deleteQueues, fastTiers, openBus, queueDepth, uniqueTaskType } from './bus-fixture.ts';
import { createInbox, effectLedger, openTestStore } from './store-fixture.ts';

type Write = 'claim' | 'markDone' | 'release';

/** The real inbox, whose first `failures[write]` calls of each kind fail before reaching the server. */
function hiccuppingInbox(inbox: InboxPort, failures: Partial<Record<Write, number>>) {
  const left = { claim: 0, markDone: 0, release: 0, ...failures };
  const failed = { claim: 0, markDone: 0, release: 0 };
  const hiccup = (write: Write) => {
    if (left[write] === 0) return;
    left[write] -= 1;
    failed[write] += 1;
    throw new MongoNetworkError(`injected: connection dropped during ${write}`);
  };
  const port: InboxPort = {
    claim: async (request) => (hiccup('claim'), inbox.claim(request)),
    renew: (claim, leaseMs) => inbox.renew(claim, leaseMs),
    markDone: async (claim) => (hiccup('markDone'), inbox.markDone(claim)),
    release: async (claim) => (hiccup('release'), inbox.release(claim)),
    isolate: (claim) => inbox.isolate(claim),
  };
  return { port, failed };
}

describe('inbox hiccups', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(failures: Partial<Record<Write, number>>, failFirst = false) {
    const { store, drop } = await openTestStore();
    const queue = uniqueName('hiccup.q');
    const type = uniqueTaskType();
    const bus = await openBus(uniqueName('hiccup'));
    const inbox = createInbox(store);
    cleanups.push(async () => {
      inbox.stopHeartbeat();
      await bus.close();
      await deleteQueues(queue);
      await drop();
    });
    const { port, failed } = hiccuppingInbox(inbox, failures);
    const ledger = effectLedger(store.db.collection<{ _id: string }>('effects'));
    const calls: { attempt: number; crashes: number | undefined }[] = [];
    // A short lease and no crash allowed: a claim left held by a failed write would come back as a
    // crash-loop letter within seconds.
    const host = bus.consumer({
      queue: { name: queue, bindings: [{ exchange: Exchange.events, pattern: type.name }] },
      prefetch: 1,
      inbox: port,
      leaseMs: 1_500,
      handlerTimeoutMs: 1_000,
      crashLimit: 0,
      retry: { maxAttempts: 3, tiers: fastTiers },
      inboxRetryMs: 50,
    });
    host.on(type, async (message) => {
      calls.push({ attempt: message.envelope.attempt, crashes: message.claim?.crashes });
      if (failFirst && calls.length === 1) throw new RetryableError('FLAKY', 'first attempt fails');
      await ledger.apply(message.envelope.messageId);
    });
    await host.start();
    const { messageId } = await bus.publish({
      exchange: Exchange.events,
      routingKey: type.name,
      type: type.name,
      body: { n: 1 },
    });
    const settled = async () => {
      await waitFor(async () => (await ledger.count()) === 1, { timeoutMs: 15_000, what: 'the effect' });
      await waitFor(async () => (await queueDepth(queue)) === 0 && host.unacked === 0, {
        timeoutMs: 10_000,
        what: 'the queue settled',
      });
      // Once done is recorded no later copy can be judged a crash; a claim left held would instead
      // turn into a crash-loop letter when its 1.5 s lease ran out.
      expect(await inbox.status(queue, messageId)).toBe('done');
    };
    return { host, inbox, queue, messageId, calls, failed, ledger, settled };
  }

  it('holds a delivery whose claim fails and claims it again, without a redelivery', async () => {
    const { host, queue, messageId, calls, failed, inbox, settled } = await setup({ claim: 3 });
    await settled();
    expect(failed.claim).toBe(3);
    expect(host.stats.received).toBe(1);
    expect(calls).toEqual([{ attempt: 1, crashes: 0 }]);
    expect(host.inboxAvailability.failures).toBe(3);
    expect(host.inboxAvailability.unreachableSince).toBeUndefined();
    expect(await inbox.status(queue, messageId)).toBe('done');
  });

  it('records a done mark that failed before acking, so no crash is counted', async () => {
    const { host, queue, messageId, calls, failed, inbox, settled } = await setup({ markDone: 3 });
    await settled();
    expect(failed.markDone).toBe(3);
    expect(calls).toEqual([{ attempt: 1, crashes: 0 }]);
    expect(host.stats.deadLettered).toBe(0);
    expect(await queueDepth(deadLetterQueueName(queue))).toBe(0);
    expect(await inbox.status(queue, messageId)).toBe('done');
  });

  it('records a release that failed before retrying, so the retry counts no crash', async () => {
    const { host, queue, calls, failed, settled } = await setup({ release: 3 }, true);
    await settled();
    expect(failed.release).toBe(3);
    expect(calls).toEqual([
      { attempt: 1, crashes: 0 },
      { attempt: 2, crashes: 0 },
    ]);
    expect(host.stats.deadLettered).toBe(0);
    expect(await queueDepth(deadLetterQueueName(queue))).toBe(0);
  });
});
