// rabbitmqctl close_all_connections, again and again during load: every process loses its broker
// connection at once; channels, consumers and in-flight publishes must come back by themselves.
import type { FaultStack } from '../harness/fault-stack.ts';
import type { MailBook } from '../harness/mail-book.ts';
import { orderMix } from '../harness/order-mix.ts';
import { startScenario, type Budget, type ScenarioResult } from '../harness/scenario-run.ts';

export interface ConnectionDropsSize {
  orders: number;
  drops: number;
  everyMs: number;
}

export async function connectionDrops(
  faults: FaultStack,
  book: MailBook,
  size: ConnectionDropsSize,
  budget: Budget,
): Promise<ScenarioResult> {
  const run = startScenario(faults, book, 'connection-drops', budget);
  const specs = orderMix(run.scenario, size.orders);
  const load = run.load(specs);
  let closed = 0;
  const drops = await run.repeat(load, size.everyMs, size.drops, async () => {
    closed += await faults.servers.rabbitmq.closeAllConnections('conveyor fault suite');
    run.clock.faultEnded();
  });
  await load;
  const result = await run.finish(`rabbitmqctl close_all_connections ×${String(drops)}`, specs, {
    faults: drops,
  });
  return { ...result, notes: [...result.notes, `${String(closed)} connections closed by the broker in all`] };
}
