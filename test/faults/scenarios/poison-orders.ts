// Poison among good orders: POISON- orders make every handler call throw, so their messages end in
// the dead-letter queue with a reason after the attempt limit; a CRASH- order kills the worker that
// takes it, every time, until the inbox's crash limit dead-letters it. Every other order completes.
import type { FaultStack } from '../harness/fault-stack.ts';
import type { MailBook } from '../harness/mail-book.ts';
import { orderMix } from '../harness/order-mix.ts';
import { startScenario, type Budget, type ScenarioResult } from '../harness/scenario-run.ts';

export interface PoisonOrdersSize {
  orders: number;
  poison: number;
  crash: number;
}

interface ArchivedDeadLetter {
  messageId: string | null;
  reason: string;
  error: string;
  attempts: number;
  queue: string;
  deadLetteredAt: Date;
}

export async function poisonOrders(
  faults: FaultStack,
  book: MailBook,
  size: PoisonOrdersSize,
  budget: Budget,
): Promise<ScenarioResult> {
  const run = startScenario(faults, book, 'poison-orders', budget);
  const specs = orderMix(run.scenario, size.orders, { poison: size.poison, crash: size.crash });
  const restartsBefore = faults.supervisor.restarts.length;
  await run.load(specs);
  const result = await run.finish(
    `${String(size.poison)} poison + ${String(size.crash)} crashing orders in ${String(size.orders)}`,
    specs,
    { faults: size.poison + size.crash },
  );
  const crashes = faults.supervisor.restarts
    .slice(restartsBefore)
    .filter((restart) => restart.name.startsWith('fulfilment-worker-')).length;
  const entries = await faults.stack.db
    .collection<ArchivedDeadLetter>('dead_letters')
    .find({ deadLetteredAt: { $gte: run.since } })
    .toArray();
  const unexplained = entries.filter(
    (entry) =>
      (entry.reason === 'attempts-exhausted' && !entry.error.includes('sandbox poison')) ||
      (entry.reason === 'crash-loop' && !entry.error.includes('died')),
  );
  return {
    ...result,
    notes: [
      ...result.notes,

      `${String(crashes)} worker crashes caused by CRASH- orders`,
      ...entries
        .slice(0, 2)
        .map(
          (entry) =>
            `e.g. ${entry.queue}: ${entry.reason} after ${String(entry.attempts)} attempts — ${entry.error}`,
        ),
    ],
    problems: [
      ...result.problems,
      ...unexplained.map(
        (entry) =>
          `dead letter ${entry.messageId ?? '?'} (${entry.reason}) without its cause: ${entry.error}`,
      ),
    ],
  };
}
