// The ledger's self-test: a detector counts only if it is seen to fire. On the suite's private servers
// (its FerretDB, under a database of its own, and its RabbitMQ node) and a real SMTP peer, it writes
// orders whose effects all happened once, then for each detector — e-mail, reservation, payment,
// shipment, order history — one order with a deliberate duplicate and one with a deliberate loss, and
// reads them back with the real ledger. It also shows that a busy retry tier, and a live inbox claim,
// make the system "not quiet", and that such a row never reads "0 lost".
import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import { MongoClient, ObjectId, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declareRetryTier, retryExchangeName } from '@conveyor/bus';
import { sandboxEffectLogCollection, sandboxEffectsCollection } from '@conveyor/fulfilment-worker';
import { collectionNames } from '@conveyor/store';
import { startSmtpPeer, sendMail, type SmtpPeer } from '../support/smtp/index.ts';
import type { FaultStack } from './harness/fault-stack.ts';
import { readLedger, type Ledger, type OrderVerdict } from './harness/ledger.ts';
import { mailBook } from './harness/mail-book.ts';
import type { OrderSpec } from './harness/order-mix.ts';
import { resultsTable } from './harness/results-table.ts';
import { notQuietText, waitQuiet, type QuietSources } from './harness/quiet.ts';

/** What one self-test order does wrong on purpose. */
type Tamper =
  | 'none'
  | 'reserve-twice'
  | 'reserve-missing'
  | 'capture-twice'
  | 'capture-missing'
  | 'ship-twice'
  | 'ship-missing'
  | 'mail-twice'
  | 'mail-missing'
  | 'mail-resent'
  | 'history-twice'
  | 'history-missing';

const tampers: readonly Tamper[] = [
  'none',
  'reserve-twice',
  'reserve-missing',
  'capture-twice',
  'capture-missing',
  'ship-twice',
  'ship-missing',
  'mail-twice',
  'mail-missing',
  'mail-resent',
  'history-twice',
  'history-missing',
];

/** A document as the services write it, seen loosely: the self-test writes the fields the ledger reads. */
type Written = { _id: string } & Record<string, unknown>;

const operations = ['inventory.reserve', 'payment.capture', 'shipping.ship'] as const;
const history = ['accepted', 'reserve.done', 'payment.done', 'shipping.done', 'completed'];

interface SelfTestWorld {
  readonly db: Db;
  readonly smtp: SmtpPeer;
  readonly ledger: Ledger;
  verdict(tamper: Tamper): OrderVerdict;
}

async function writeOrder(db: Db, smtp: SmtpPeer, spec: OrderSpec, orderId: string, tamper: Tamper) {
  const events =
    tamper === 'history-twice'
      ? [...history, 'completed']
      : tamper === 'history-missing'
        ? history.slice(0, -1)
        : history;
  await db.collection<Written>('orders').insertOne({
    _id: orderId,
    customerId: spec.customerId,
    status: tamper === 'history-missing' ? 'in_progress' : 'completed',
    history: events.map((event) => ({ event, at: new Date() })),
  });
  for (const operation of operations) {
    if (tamper === `${operationTamper(operation)}-missing`) continue;
    const idempotencyKey = `${orderId}:${operation}`;
    await db.collection<Written>(sandboxEffectsCollection).insertOne({
      _id: `${operation}\u001f${idempotencyKey}`,
      orderId,
      operation,
      idempotencyKey,
      outcome: 'applied',
    });
    const times = tamper === `${operationTamper(operation)}-twice` ? 2 : 1;
    for (let time = 0; time < times; time += 1) {
      await db
        .collection(sandboxEffectLogCollection)
        .insertOne({ _id: new ObjectId(), orderId, operation, idempotencyKey, appliedAt: new Date() });
    }
  }
  const send = (kind: string, messageId = `<${orderId}.${kind}@conveyor.local>`) =>
    sendMail(smtp.url, {
      from: 'orders@conveyor.local',
      to: spec.email,
      messageId,
      subject: `order ${kind}`,
      text: `self-test ${tamper}`,
    });
  await send('confirmed');
  if (tamper !== 'mail-missing') await send('shipped');
  if (tamper === 'mail-resent') await send('shipped');
  if (tamper === 'mail-twice') await send('shipped', `<${orderId}-again.shipped@conveyor.local>`);
}

function operationTamper(operation: (typeof operations)[number]): string {
  return operation.split('.')[1] ?? operation;
}

async function buildWorld(
  faults: FaultStack,
  scenario: string,
): Promise<SelfTestWorld & { close(): Promise<void> }> {
  const client = await MongoClient.connect(faults.servers.urls.mongoUrl);
  const db = client.db(`ledger_selftest_${randomBytes(4).toString('hex')}`);
  const smtp = await startSmtpPeer();
  const specs = tampers.map((_, index): OrderSpec => ({
    customerId: `${scenario}-${String(index)}`,
    email: `${scenario}-${String(index)}@faults.test`,
    items: [{ sku: 'WIDGET-1', qty: 1 }],
    express: false,
    expected: 'completed',
  }));
  for (const [index, tamper] of tampers.entries()) {
    const spec = specs[index];
    if (spec !== undefined) await writeOrder(db, smtp, spec, `ord_selftest_${String(index)}`, tamper);
  }
  const ledger = await readLedger({ db, book: mailBook(smtp), scenario, specs, since: new Date(0) });
  return {
    db,
    smtp,
    ledger,
    verdict(tamper) {
      const found = ledger.verdicts[tampers.indexOf(tamper)];
      if (found === undefined) throw new RangeError(`no self-test order for ${tamper}`);
      return found;
    },
    async close() {
      await smtp.close();
      await db.dropDatabase().catch(() => undefined);
      await client.close();
    },
  };
}

export function ledgerSelfTests(getFaults: () => FaultStack): void {
  describe('side-effect ledger self-test', () => {
    let world: Awaited<ReturnType<typeof buildWorld>>;
    beforeAll(async () => {
      world = await buildWorld(getFaults(), `ledger-selftest-${randomBytes(3).toString('hex')}`);
    }, 60_000);
    afterAll(async () => {
      await world.close();
    });

    it('finds nothing wrong with an order whose every effect and e-mail happened once', () => {
      expect(world.verdict('none')).toMatchObject({ verdict: 'completed', duplicates: 0, resends: 0 });
    });

    it.each([
      ['reservation', 'reserve', 'inventory.reserve never applied'],
      ['payment', 'capture', 'payment.capture never applied'],
      ['shipment', 'ship', 'shipping.ship never applied'],
    ] as const)('reports a second %s from the effect log, and a missing one', (_, step, missing) => {
      expect(world.verdict(`${step}-twice`)).toMatchObject({ verdict: 'completed', duplicates: 1 });
      expect(world.verdict(`${step}-missing`)).toMatchObject({ verdict: 'lost', why: [missing] });
    });

    it('reports an e-mail sent twice under two Message-IDs, a missing one, and a resend apart', () => {
      expect(world.verdict('mail-twice')).toMatchObject({ verdict: 'completed', duplicates: 1, resends: 0 });
      expect(world.verdict('mail-missing')).toMatchObject({
        verdict: 'lost',
        why: ['e-mail shipped missing'],
      });
      expect(world.verdict('mail-resent')).toMatchObject({ verdict: 'completed', duplicates: 0, resends: 1 });
    });

    it('reports an order history event recorded twice, and an order that never completed', () => {
      expect(world.verdict('history-twice')).toMatchObject({ verdict: 'completed', duplicates: 1 });
      expect(world.verdict('history-missing')).toMatchObject({
        verdict: 'lost',
        why: ['status in_progress, expected completed'],
      });
      expect(world.ledger).toMatchObject({ lost: 5, duplicateEffects: 5, resends: 1 });
    });

    it('says "not quiet" while a retry tier holds a message, and quiet once it is empty', async () => {
      const faults = getFaults();
      const tier = { name: `selftest-${randomBytes(3).toString('hex')}`, delayMs: 600_000 };
      const queue = retryExchangeName(tier);
      const connection = await amqp.connect(faults.servers.rabbitmq.url);
      try {
        const channel = await connection.createConfirmChannel();
        await declareRetryTier(channel, tier);
        channel.publish(queue, 'nowhere', Buffer.from('{}'), { messageId: 'selftest' });
        await channel.waitForConfirms();
        const sources: QuietSources = {
          db: world.db,
          listQueues: () => faults.servers.rabbitmq.listQueues(),
          isWatchedQueue: (name) => name === queue,
        };
        const busy = await waitQuiet(sources, 2_000);
        expect(busy).toMatchObject({ quiet: false, busy: [`queue ${queue}: 1 messages (0 unacknowledged)`] });
        expect(notQuietText(busy)).toMatch(/^not quiet after \d+ s$/);
        await channel.purgeQueue(queue);
        expect(await waitQuiet(sources, 10_000)).toMatchObject({ quiet: true });
        await channel.deleteQueue(queue);
        await channel.deleteExchange(queue);
      } finally {
        await connection.close();
      }
    });

    it('says "not quiet" while an inbox claim is live, and quiet once its message is done', async () => {
      const faults = getFaults();
      const inbox = world.db.collection<Written>(collectionNames.inbox);
      const now = Date.now();
      await inbox.insertOne({
        _id: 'selftest-claim',
        kind: 'claim',
        queue: 'selftest.orders',
        messageId: 'selftest-1',
        epoch: 1,
        payloadHash: null,
        leaseUntil: new Date(now + 600_000),
        released: false,
        crashed: false,
        createdAt: new Date(now),
      });
      const sources: QuietSources = {
        db: world.db,
        listQueues: () => faults.servers.rabbitmq.listQueues(),
        isWatchedQueue: () => false,
      };
      expect(await waitQuiet(sources, 1_000)).toMatchObject({
        quiet: false,
        busy: ['live inbox claim selftest.orders selftest-1 (epoch 1)'],
      });
      await inbox.insertOne({
        _id: 'selftest-done',
        kind: 'done',
        queue: 'selftest.orders',
        messageId: 'selftest-1',
        payloadHash: null,
        epoch: 1,
        createdAt: new Date(),
      });
      expect(await waitQuiet(sources, 5_000)).toMatchObject({ quiet: true });
    });

    it('never writes "0 lost" for a row read while the system was busy', () => {
      const table = resultsTable([
        {
          title: 'busy row',
          attempted: 1,
          completed: 1,
          endedAsExpected: 0,
          lost: 0,
          duplicateEffects: 0,
          resends: 0,
          resendsAllowed: 0,
          notQuiet: 'not quiet after 30 s',
          deadLettered: {},
          faults: 0,
          recoveryMs: [],
          seconds: 1,
          notes: [],
          problems: [],
          lostDetails: [],
        },
      ]);
      expect(table.split('\n').at(-1)).toContain('| not quiet after 30 s | not quiet after 30 s |');
    });
  });
}
