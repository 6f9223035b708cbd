// One message in ten published twice (the same message id and body, as a publisher that retries
// after a lost confirm would): every consumer's inbox drops the copy, so each effect happens once.
import type { FaultStack } from '../harness/fault-stack.ts';
import type { MailBook } from '../harness/mail-book.ts';
import { startBrokerTap } from '../harness/broker-tap.ts';
import { orderMix } from '../harness/order-mix.ts';
import { startScenario, type Budget, type ScenarioResult } from '../harness/scenario-run.ts';

export interface DuplicatePublishesSize {
  orders: number;
}

export async function duplicatePublishes(
  faults: FaultStack,
  book: MailBook,
  size: DuplicatePublishesSize,
  budget: Budget,
): Promise<ScenarioResult> {
  const run = startScenario(faults, book, 'duplicate-publishes', budget);
  const specs = orderMix(run.scenario, size.orders);
  const tap = await startBrokerTap({
    amqpUrl: faults.stack.servers.amqpUrl,
    pattern: '#',
    duplicateEvery: 10,
  });
  let result: ScenarioResult;
  try {
    await run.load(specs);
    result = await run.finish('10 % of messages published twice', specs, { faults: tap.duplicated() });
  } finally {
    await tap.stop();
  }
  const published = tap.messages.length;
  const copies = tap.duplicated();
  return {
    ...result,
    faults: copies,
    notes: [
      ...result.notes,
      `${String(copies)} of ${String(published)} messages on conveyor.events published a second time`,
    ],
    problems: [
      ...result.problems,
      ...(copies < Math.floor(published / 10) - 1 ? [`only ${String(copies)} copies published`] : []),
    ],
  };
}
