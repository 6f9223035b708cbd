// Garbage at both doors. HTTP: malformed, oversized, unknown-field, __proto__ and $-key bodies get a
// 4xx that names the problem, and nothing is stored or published. AMQP: the same kinds of garbage
// published straight onto the events exchange end in each consuming queue's dead letters with the
// right reason, while good orders flow past them and no consumer falls over.
import amqp from 'amqplib';
import { waitFor } from '../../support/index.ts';
import type { FaultStack } from '../harness/fault-stack.ts';
import { startBrokerTap } from '../harness/broker-tap.ts';
import { garbageMarker, garbageMessages, garbageRequests, type GarbageMessage } from '../harness/garbage.ts';
import type { MailBook } from '../harness/mail-book.ts';
import { orderMix } from '../harness/order-mix.ts';
import { startScenario, type Budget, type ScenarioResult } from '../harness/scenario-run.ts';

export interface GarbageInputSize {
  orders: number;
}

interface ArchivedDeadLetter {
  queue: string;
  messageId: string | null;
  reason: string;
  body: string;
  bodyEncoding: 'utf8' | 'base64';
  deadLetteredAt: Date;
}

export async function garbageInput(
  faults: FaultStack,
  book: MailBook,
  size: GarbageInputSize,
  budget: Budget,
): Promise<ScenarioResult> {
  const run = startScenario(faults, book, 'garbage-input', budget);
  const restartsBefore = faults.supervisor.restarts.length;
  const problems = await sendGarbageRequests(faults);

  const specs = orderMix(run.scenario, size.orders);
  const load = run.load(specs);
  const messages = garbageMessages();
  await publishGarbage(faults.stack.servers.amqpUrl, messages);
  await load;
  // The notifier retries an event for a missing order before dead-lettering it: wait for every one first.
  problems.push(...(await checkDeadLetters(faults, messages, run.since)));
  const result = await run.finish(
    `${String(garbageRequests.length)} bad HTTP bodies, ${String(messages.length)} bad messages`,
    specs,
    {
      faults: garbageRequests.length + messages.length,
      isScenarioDeadLetter: (entry) =>
        (entry.messageId?.startsWith(garbageMarker) ?? false) || entry.body.includes(garbageMarker),
    },
  );
  const restarts = faults.supervisor.restarts.slice(restartsBefore).map((restart) => restart.name);
  if (restarts.length > 0) problems.push(`processes died on garbage: ${restarts.join(', ')}`);
  const notReady = await faults.notReady();
  if (notReady.length > 0) problems.push(`not ready after the garbage: ${notReady.join(', ')}`);
  return {
    ...result,
    notes: [
      ...result.notes,

      `every bad body answered 4xx naming the problem, nothing stored or published`,
      `every bad message dead-lettered with its reason at each queue it reached; good orders unaffected`,
    ],
    problems: [...result.problems, ...problems],
  };
}

/** The problems found: a wrong status, an error that does not name the problem, anything stored or published. */
async function sendGarbageRequests(faults: FaultStack): Promise<string[]> {
  const { stack } = faults;
  const problems: string[] = [];
  const tap = await startBrokerTap({ amqpUrl: stack.servers.amqpUrl, pattern: '#' });
  try {
    for (const request of garbageRequests) {
      const response = await fetch(`${stack.gatewayUrl}/v1/orders`, {
        method: 'POST',
        headers: { ...stack.authHeaders, 'content-type': request.contentType },
        body: request.body,
      });
      const text = await response.text();
      if (response.status !== request.status)
        problems.push(
          `${request.what}: ${String(response.status)}, expected ${String(request.status)}: ${text.slice(0, 200)}`,
        );
      const missing = request.mentions.filter((word) => !text.includes(word));
      if (missing.length > 0)
        problems.push(
          `${request.what}: the error does not name ${missing.join(', ')}: ${text.slice(0, 200)}`,
        );
    }
    const stored = await stack.db
      .collection('orders')
      .countDocuments({ email: `${garbageMarker}@faults.test` });
    if (stored > 0) problems.push(`${String(stored)} orders stored from bad bodies`);
    if (tap.messages.length > 0)
      problems.push(
        `published while bad bodies came in: ${tap.messages.map((message) => message.type).join(', ')}`,
      );
  } finally {
    await tap.stop();
  }
  return problems;
}

async function publishGarbage(amqpUrl: string, messages: readonly GarbageMessage[]): Promise<void> {
  const connection = await amqp.connect(amqpUrl);
  try {
    const channel = await connection.createConfirmChannel();
    for (const message of messages) {
      channel.publish('conveyor.events', message.routingKey, message.body, {
        persistent: true,
        type: message.type,
        contentType: 'application/json',
        ...(message.messageId === undefined ? {} : { messageId: message.messageId }),
      });
    }
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
}

/** Waits (bounded) for every garbage message's dead letter at every queue it reached, with its reason. */
async function checkDeadLetters(
  faults: FaultStack,
  messages: readonly GarbageMessage[],
  since: Date,
): Promise<string[]> {
  const { queues } = faults.stack.names;
  const expected = messages.flatMap((message) =>
    Object.entries(message.reasons).map(([consumer, reason]) => ({
      message,
      queue: consumer === 'notifier' ? queues.notifier : queues.orders,
      reason,
    })),
  );
  const archive = faults.stack.db.collection<ArchivedDeadLetter>('dead_letters');
  const matches = (entry: ArchivedDeadLetter, want: (typeof expected)[number]) =>
    entry.queue === want.queue &&
    (want.message.messageId === undefined
      ? entry.messageId === null && bodyOf(entry) === want.message.body.toString('utf8')
      : entry.messageId === want.message.messageId);
  let entries: ArchivedDeadLetter[] = [];
  const missing = () => expected.filter((want) => !entries.some((entry) => matches(entry, want)));
  await waitFor(
    async () => {
      entries = await archive.find({ deadLetteredAt: { $gte: since } }).toArray();
      return missing().length === 0;
    },
    {
      what: 'every garbage message archived from its dead-letter queue',
      timeoutMs: 90_000,
      intervalMs: 1_000,
    },
  ).catch(() => undefined);
  return [
    ...missing().map(
      (want) => `${want.message.what} (${want.message.routingKey}) never dead-lettered at ${want.queue}`,
    ),
    ...expected.flatMap((want) =>
      entries
        .filter((entry) => matches(entry, want) && entry.reason !== want.reason)
        .map(
          (entry) => `${want.message.what} at ${want.queue}: reason ${entry.reason}, expected ${want.reason}`,
        ),
    ),
  ];
}

function bodyOf(entry: ArchivedDeadLetter): string {
  return entry.bodyEncoding === 'base64' ? Buffer.from(entry.body, 'base64').toString('utf8') : entry.body;
}
