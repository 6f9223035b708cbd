// The archiver during a database outage, on a quorum `.dlq` under RabbitMQ 4's default delivery limit
// of 20 (set here by a policy on this test's queue only; the local 3.10 has no default): letters are
// held and stored once the database answers, never handed back to the queue twenty times.
import { afterEach, describe, expect, it } from 'vitest';
import amqp from 'amqplib';
import { MongoNetworkError } from 'mongodb';
import {
  DeadLetterReason,
  Exchange,
  Header,
  deadLetterQueueName,
  declareSharedTopology,
  declareWorkQueue,
  parkedLetterQueueName,
} from '@conveyor/bus';
import { createDeadLetterArchiver } from '@conveyor/dead-letters';
import { createDeadLetterStore, type DeadLetterStore } from '@conveyor/store';
import { serverUrls, setQueuePolicy, uniqueName, waitFor } from '../../support/index.ts';
import { deleteQueues, drainQueue, openBus, silentLogger } from '../bus/bus-fixture.ts';
import { openTestStore } from '../bus/store-fixture.ts';

/** Outage length: past the 20 returns the archiver used to make, one a second. */
const outageMs = 22_000;

describe('the dead-letter archiver during a database outage', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('holds letters while storage fails and stores them afterwards, none dropped by the delivery limit', async () => {
    const { store, drop } = await openTestStore();
    const queue = uniqueName('dl.outage');
    const deadLetterQueue = deadLetterQueueName(queue);
    const connection = await amqp.connect(serverUrls().amqpUrl);
    const bus = await openBus(uniqueName('dl-outage'));
    cleanups.push(async () => {
      await connection.close();
      await bus.close();
      await deleteQueues(queue);
      await drop();
    });
    const channel = await connection.createConfirmChannel();
    await declareSharedTopology(channel, []);
    await declareWorkQueue(channel, { name: queue, type: 'quorum' });
    cleanups.push(
      await setQueuePolicy(uniqueName('dl-outage'), `^${deadLetterQueue.replaceAll('.', '\\.')}$`, {
        'delivery-limit': 20,
      }),
    );

    // The real store behind a switch that fails every write the way an unreachable server does.
    const real = createDeadLetterStore(store);
    let down = true;
    let failedWrites = 0;
    const deadLetters: DeadLetterStore = {
      ...real,
      record: async (entry) => {
        if (down) {
          failedWrites += 1;
          throw new MongoNetworkError('injected: database unreachable');
        }
        return real.record(entry);
      },
    };
    const archiver = createDeadLetterArchiver({
      connection: bus.connection,
      deadLetters,
      logger: silentLogger,
      queues: [queue],
    });
    await archiver.start();
    cleanups.unshift(() => archiver.stop());

    for (const n of [1, 2]) {
      channel.publish(Exchange.deadLetters, queue, Buffer.from(JSON.stringify({ n })), {
        messageId: `letter-${String(n)}`,
        headers: {
          [Header.deadLetterReason]: DeadLetterReason.permanentFailure,
          [Header.deadLetterAt]: new Date().toISOString(),
        },
      });
    }
    await channel.waitForConfirms();
    await waitFor(() => archiver.storeUnreachableSince !== undefined, {
      timeoutMs: 5_000,
      what: 'the archiver finding storage down',
    });
    const outageStarted = performance.now();
    await waitFor(() => performance.now() - outageStarted >= outageMs, {
      timeoutMs: outageMs + 5_000,
      intervalMs: 500,
      what: 'the outage lasting past twenty returns',
    });
    down = false;

    await waitFor(() => archiver.archived === 2, { timeoutMs: 15_000, what: 'both letters archived' });
    console.log(
      `outage ${String(outageMs)} ms: ${String(failedWrites)} failed writes, letters held meanwhile`,
    );
    expect(archiver.storeUnreachableSince).toBeUndefined();
    expect((await real.list({ queue })).entries.map((entry) => entry.messageId).sort()).toEqual([
      'letter-1',
      'letter-2',
    ]);
    expect(await drainQueue(parkedLetterQueueName(queue))).toEqual([]);
    expect(await drainQueue(deadLetterQueue)).toEqual([]);
  });
});
