// Unroutable events: the policy from deploy/rabbitmq/definitions.json gives an events exchange its
// alternate exchange, and the archiver stores what reaches it as a dead letter with reason
// `unroutable`. The policy is applied here to an exchange of this test's own, never to the shared
// broker's `conveyor.events`, where mandatory publishes must still be returned to other suites.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import amqp from 'amqplib';
import { DeadLetterReason, Exchange, deadLetterQueueName, declareUnroutableTopology } from '@conveyor/bus';
import { createDeadLetterArchiver, createReplayClaims, createReplayer } from '@conveyor/dead-letters';
import { createDeadLetterStore, createInbox } from '@conveyor/store';
import { readBrokerDefinitions, serverUrls, uniqueName, vhostArgs, waitFor } from '../../support/index.ts';
import { openBus, silentLogger } from '../bus/bus-fixture.ts';
import { openTestStore } from '../bus/store-fixture.ts';
import { jsonOutput, runConveyor } from '../cli/conveyor-process.ts';

const run = promisify(execFile);

describe('unroutable events', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** The deployed policy of `conveyor.events`, pointed at this test's exchanges instead. */
  async function applyDeployedPolicy(eventsExchange: string, unroutableExchange: string) {
    const definitions = await readBrokerDefinitions();
    const deployed = definitions.policies.find((policy) => new RegExp(policy.pattern).test(Exchange.events));
    expect(deployed).toMatchObject({
      'apply-to': 'exchanges',
      definition: { 'alternate-exchange': Exchange.unroutable },
    });
    if (deployed === undefined) throw new Error('deploy/rabbitmq/definitions.json has no events policy');
    // Exchanges only, so it never displaces a queue policy (one policy applies per object).
    expect(new RegExp(deployed.pattern).test(deadLetterQueueName('conveyor.events'))).toBe(false);
    const name = uniqueName('unroutable-policy');
    const pattern = `^${eventsExchange.replaceAll('.', '\\.')}$`;
    const definition = { ...deployed.definition, 'alternate-exchange': unroutableExchange };
    const vhost = vhostArgs(serverUrls().amqpUrl);
    await run('rabbitmqctl', [
      'set_policy',
      ...vhost,
      '--apply-to',
      deployed['apply-to'],
      '--priority',
      String(deployed.priority),
      name,
      pattern,
      JSON.stringify(definition),
    ]);
    return async () => {
      await run('rabbitmqctl', ['clear_policy', ...vhost, name]);
    };
  }

  it('archives a non-mandatory event no queue binds as a dead letter with reason unroutable, listed by the CLI, and replays it to where it was published', async () => {
    const { store, dbName, drop } = await openTestStore();
    const bus = await openBus(uniqueName('unroutable'));
    const eventsExchange = uniqueName('conveyor.events');
    const unroutableExchange = uniqueName('conveyor.unroutable');
    const channel = await (await bus.connection.ready()).createChannel();
    await channel.assertExchange(eventsExchange, 'topic', { durable: false, autoDelete: false });
    await declareUnroutableTopology(channel, unroutableExchange);
    await channel.close();
    const clearPolicy = await applyDeployedPolicy(eventsExchange, unroutableExchange);
    const deadLetters = createDeadLetterStore(store);
    const archiver = createDeadLetterArchiver({
      connection: bus.connection,
      deadLetters,
      logger: silentLogger,
      queues: [],
      unroutableExchange,
    });
    await archiver.start();
    cleanups.push(async () => {
      await archiver.stop();
      await bus.close();
      await clearPolicy();
      const connection = await amqp.connect(serverUrls().amqpUrl);
      const cleanup = await connection.createChannel();
      await cleanup.deleteQueue(deadLetterQueueName(unroutableExchange));
      await cleanup.deleteExchange(unroutableExchange);
      await cleanup.deleteExchange(eventsExchange);
      await connection.close();
      await drop();
    });

    const routingKey = 'nobody.binds.this.v1';
    const { messageId } = await bus.publish({
      exchange: eventsExchange,
      routingKey,
      type: routingKey,
      body: { n: 1 },
      mandatory: false,
    });
    await waitFor(async () => (await deadLetters.list({ queue: unroutableExchange })).entries.length === 1, {
      timeoutMs: 10_000,
      what: 'the unroutable event archived',
    });
    const [entry] = (await deadLetters.list({ queue: unroutableExchange })).entries;
    expect(entry).toMatchObject({
      queue: unroutableExchange,
      messageId,
      type: routingKey,
      reason: 'unroutable',
    });
    expect(entry?.reason).toBe(DeadLetterReason.unroutable);
    expect(entry?.error).toContain(`${eventsExchange}/${routingKey}`);

    const listed = await runConveyor(['dlq', 'list', '--reason', 'unroutable', '--json'], {
      env: { MONGO_DB: dbName },
    });
    expect(listed.code, listed.stderr).toBe(0);
    expect((jsonOutput(listed) as { entries: unknown[] }).entries).toEqual([
      expect.objectContaining({ messageId, queue: unroutableExchange, reason: 'unroutable' }),
    ]);

    // The operator deploys a consumer for it, then replays: it reaches the queue now bound.
    const consumerQueue = uniqueName('unroutable-now-bound');
    const consumer = await (await bus.connection.ready()).createChannel();
    await consumer.assertQueue(consumerQueue, { durable: false, autoDelete: false });
    await consumer.bindQueue(consumerQueue, eventsExchange, routingKey);
    cleanups.push(async () => {
      const connection = await amqp.connect(serverUrls().amqpUrl);
      const cleanup = await connection.createChannel();
      await cleanup.deleteQueue(consumerQueue);
      await connection.close();
    });
    const replayer = createReplayer({
      publisher: bus.publisher,
      deadLetters,
      inbox: createInbox(store),
      claims: createReplayClaims(store),
      logger: silentLogger,
    });
    expect(await replayer.replay(entry?.id ?? '')).toMatchObject({ status: 'replayed', messageId });
    const replayed = await waitFor(
      async () => (await consumer.get(consumerQueue, { noAck: true })) || undefined,
      {
        timeoutMs: 10_000,
        what: 'the replayed event in the queue bound since',
      },
    );
    expect(replayed.properties.messageId).toBe(messageId);
    expect(JSON.parse(replayed.content.toString())).toEqual({ n: 1 });
    await consumer.close();
  });
});
