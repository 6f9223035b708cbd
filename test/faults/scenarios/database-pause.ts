// The MongoDB-wire server (the suite's private FerretDB) frozen with SIGSTOP for a while, then
// resumed: handlers stall and may time out, but nothing is lost and no transient failure is
// dead-lettered (a stalled store must not burn a message's attempts).
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultStack } from '../harness/fault-stack.ts';
import type { MailBook } from '../harness/mail-book.ts';
import { orderMix } from '../harness/order-mix.ts';
import { startScenario, type Budget, type ScenarioResult } from '../harness/scenario-run.ts';

export interface DatabasePauseSize {
  orders: number;
  pauses: number;
  everyMs: number;
  pauseMs: number;
}

export async function databasePause(
  faults: FaultStack,
  book: MailBook,
  size: DatabasePauseSize,
  budget: Budget,
): Promise<ScenarioResult> {
  const run = startScenario(faults, book, 'database-pause', budget);
  const specs = orderMix(run.scenario, size.orders);
  const load = run.load(specs);
  const pauses = await run.repeat(load, size.everyMs, size.pauses, async () => {
    await faults.servers.mongo.pause();
    try {
      await sleep(size.pauseMs);
    } finally {
      await faults.servers.mongo.resume();
    }
    run.clock.faultEnded();
  });
  await load;
  const result = await run.finish(
    `FerretDB SIGSTOP ${String(size.pauseMs / 1000)} s ×${String(pauses)}`,
    specs,
    {
      faults: pauses,
    },
  );
  const deadLetters = Object.values(result.deadLettered).reduce((total, count) => total + count, 0);
  return {
    ...result,
    problems: [
      ...result.problems,
      ...(deadLetters > 0
        ? [`${String(deadLetters)} messages dead-lettered while the database was paused`]
        : []),
    ],
  };
}
