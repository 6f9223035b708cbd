// kill -9 one fulfilment worker after another while orders flow through three of them: what a killed
// worker held is taken over once its inbox lease expires, and every order completes once.
import type { FaultStack } from '../harness/fault-stack.ts';
import type { MailBook } from '../harness/mail-book.ts';
import { orderMix } from '../harness/order-mix.ts';
import { startScenario, type Budget, type ScenarioResult } from '../harness/scenario-run.ts';

export interface WorkerKillsSize {
  orders: number;
  kills: number;
  everyMs: number;
}

export async function workerKills(
  faults: FaultStack,
  book: MailBook,
  size: WorkerKillsSize,
  budget: Budget,
): Promise<ScenarioResult> {
  const run = startScenario(faults, book, 'worker-kills', budget);
  const specs = orderMix(run.scenario, size.orders);
  const load = run.load(specs);
  let victim = 0;
  const kills = await run.repeat(load, size.everyMs, size.kills, async () => {
    const workers = faults.processes('fulfilment-worker-');
    const worker = workers[victim % workers.length];
    victim += 1;
    await worker?.kill();
    run.killed();
    run.clock.faultEnded();
  });
  await load;
  const restarts = faults.supervisor.restarts.filter((restart) =>
    restart.name.startsWith('fulfilment-worker-'),
  );
  return run.finish(`kill -9 a fulfilment worker ×${String(kills)} (3 running)`, specs, {
    faults: kills,
    notes: [`${String(restarts.length)} worker restarts by the supervisor so far`],
  });
}
