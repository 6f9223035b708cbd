// A quorum `<queue>.dlq` under a delivery limit (RabbitMQ 4 defaults one of 20; here a policy sets it
// on this test's queue only, since the local 3.10 has no default): a letter returned past the limit is
// parked in `<queue>.dlq.parked`, never dropped.
import { afterEach, describe, expect, it } from 'vitest';
import amqp from 'amqplib';
import {
  Exchange,
  deadLetterQueueName,
  declareSharedTopology,
  declareWorkQueue,
  parkedLetterQueueName,
} from '@conveyor/bus';
import { serverUrls, setQueuePolicy, uniqueName, waitFor } from '../../support/index.ts';
import { deleteQueues, drainQueue } from './bus-fixture.ts';

describe('a quorum dead-letter queue', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('parks a letter returned past its delivery limit instead of dropping it', async () => {
    const queue = uniqueName('dlq.limit');
    const deadLetterQueue = deadLetterQueueName(queue);
    const connection = await amqp.connect(serverUrls().amqpUrl);
    cleanups.push(async () => {
      await connection.close();
      await deleteQueues(queue);
    });
    const channel = await connection.createConfirmChannel();
    await declareSharedTopology(channel, []);
    await declareWorkQueue(channel, { name: queue, type: 'quorum' });
    cleanups.push(
      await setQueuePolicy(uniqueName('dlq-limit'), `^${deadLetterQueue.replaceAll('.', '\\.')}$`, {
        'delivery-limit': 2,
      }),
    );
    channel.publish(Exchange.deadLetters, queue, Buffer.from('{"n":1}'), { messageId: 'letter-1' });
    await channel.waitForConfirms();

    // An archiver that cannot store the letter and hands it back each time, past the limit.
    for (let returned = 0; returned < 3; returned += 1) {
      const message = await waitFor(async () => (await channel.get(deadLetterQueue)) || undefined, {
        timeoutMs: 5_000,
        what: `the letter delivered again (${String(returned)} returns so far)`,
      });
      channel.nack(message, false, true);
    }

    const parked = await waitFor(
      async () => {
        const found = await drainQueue(parkedLetterQueueName(queue));
        return found.length > 0 ? found : undefined;
      },
      { timeoutMs: 5_000, what: 'the letter parked' },
    );
    expect(parked.map((message): unknown => message.properties.messageId)).toEqual(['letter-1']);
    expect(await drainQueue(deadLetterQueue)).toEqual([]);
  });
});
