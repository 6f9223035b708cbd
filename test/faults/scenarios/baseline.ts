// No fault at all: the same orders through the same stack, for the throughput and latency the other
// rows are compared with, and to show the ledger itself finds nothing wrong with a healthy system.
import type { FaultStack } from '../harness/fault-stack.ts';
import type { MailBook } from '../harness/mail-book.ts';
import { orderMix } from '../harness/order-mix.ts';
import { startScenario, type Budget, type ScenarioResult } from '../harness/scenario-run.ts';

export async function baseline(
  faults: FaultStack,
  book: MailBook,
  size: { orders: number },
  budget: Budget,
): Promise<ScenarioResult> {
  const run = startScenario(faults, book, 'baseline', budget);
  const specs = orderMix(run.scenario, size.orders);
  await run.load(specs);
  return run.finish('no fault (baseline)', specs, { faults: 0 });
}
