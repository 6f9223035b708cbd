// A store whose database goes away and comes back while the driver's server check never ends (the
// driver waits for ever on a check written to a socket the server had just closed: see
// libs/store/src/monitor-watchdog.ts). Without a watchdog the server stayed Unknown for good and every
// operation failed with a server selection timeout, although the database answered again: the fault
// suite's database-outage row stalled on it. Here a check that never ends is made by a proxy that
// holds the first connection after the outage unanswered, with no connect timeout.
import { describe, expect, it } from 'vitest';
import { collectionNames, connectStore, createInbox } from '@conveyor/store';
import { serverUrls, uniqueName, waitFor } from '../../support/index.ts';
import { startOutageProxy } from './outage-proxy.ts';
import { silentLogger } from './store-fixture.ts';

describe('store across a database outage', () => {
  it('fails an inbox claim the server never answers once its write timeout runs out, and the next one works', async () => {
    const proxy = await startOutageProxy(serverUrls().mongoUrl);
    const store = await connectStore({
      url: proxy.url,
      dbName: uniqueName('conveyor_store_stall'),
      logger: silentLogger,
      appName: 'conveyor-store-test',
    });
    const inbox = createInbox(store, { writeTimeoutMs: 1_000 });
    const request = { queue: 'q', messageId: 'm-1', payloadHash: 'h', leaseMs: 30_000, crashLimit: 2 };
    try {
      await inbox.claim({ ...request, messageId: 'm-0' });
      // The pooled connection now leads nowhere, as one written just after the server closed it did:
      // the driver waits on it for ever.
      proxy.freezeAllButFirst();
      await expect(inbox.claim(request)).rejects.toMatchObject({ code: 'INBOX_WRITE_TIMEOUT' });
      await expect(inbox.claim(request)).resolves.toMatchObject({ kind: 'acquired' });
      await store.db.dropDatabase();
    } finally {
      await store.close();
      await proxy.close();
    }
  }, 30_000);

  it('answers again, its inbox heartbeat still running, when the server check made as the database came back never ends', async () => {
    const proxy = await startOutageProxy(serverUrls().mongoUrl);
    const store = await connectStore({
      url: proxy.url,
      dbName: uniqueName('conveyor_store_stall'),
      logger: silentLogger,
      appName: 'conveyor-store-test',
      serverSelectionTimeoutMs: 500,
      // No connect timeout: the check on the held connection then lasts for ever, as the stalled one did.
      connectTimeoutMs: 0,
      heartbeatFrequencyMs: 500,
      monitorStuckAfterMs: 3_000,
    });
    const inbox = createInbox(store, { holder: { heartbeatMs: 200, ttlMs: 1_000 } });
    const holders = store.db.collection<{ _id: string; aliveUntil: Date }>(collectionNames.inboxHolders);
    try {
      // The claim starts this process's liveness heartbeat.
      await inbox.claim({ queue: 'q', messageId: 'm-1', payloadHash: 'h', leaseMs: 30_000, crashLimit: 2 });
      await proxy.cut();
      await expect(store.ping()).rejects.toMatchObject({ code: 'STORE_UNREACHABLE' });
      await proxy.resume({ swallowed: 1 });
      await waitFor(() => proxy.swallowedCount === 1, {
        what: 'the server check after the outage connected',
      });

      await waitFor(
        () =>
          store.ping().then(
            () => true,
            () => false,
          ),
        { what: 'the store answers again', timeoutMs: 30_000, intervalMs: 200 },
      );
      // The heartbeat survived the client's reconnect: the liveness record moves on after it.
      const recovered = Date.now();
      await waitFor(
        async () => {
          const record = await holders.findOne({ _id: inbox.holderId });
          return record !== null && record.aliveUntil.getTime() > recovered + 1_000;
        },
        { what: 'the inbox holder renewed after the reconnect', timeoutMs: 10_000, intervalMs: 100 },
      );
      await store.db.dropDatabase();
    } finally {
      await store.close();
      await proxy.close();
    }
  }, 60_000);
});
