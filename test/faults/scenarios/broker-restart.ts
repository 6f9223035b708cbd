// RabbitMQ restarted mid-run (rabbitmqctl stop_app, a pause, start_app) on the suite's private node:
// no accepted order is lost, every service reconnects by itself, and each one's /readyz says
// not-ready while the broker is away and ready again after.
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultStack } from '../harness/fault-stack.ts';
import type { MailBook } from '../harness/mail-book.ts';
import { orderMix } from '../harness/order-mix.ts';
import { watchReadiness } from '../harness/readiness-watch.ts';
import { startScenario, type Budget, type ScenarioResult } from '../harness/scenario-run.ts';

export interface BrokerRestartSize {
  orders: number;
  restarts: number;
  everyMs: number;
  downMs: number;
}

export async function brokerRestart(
  faults: FaultStack,
  book: MailBook,
  size: BrokerRestartSize,
  budget: Budget,
): Promise<ScenarioResult> {
  const run = startScenario(faults, book, 'broker-restart', budget);
  const specs = orderMix(run.scenario, size.orders);
  const readiness = watchReadiness(faults);
  const load = run.load(specs);
  const restarts = await run.repeat(load, size.everyMs, size.restarts, async () => {
    readiness.mark('down');
    await faults.servers.rabbitmq.stopApp();
    await sleep(size.downMs);
    await faults.servers.rabbitmq.startApp();
    readiness.mark('up');
    run.clock.faultEnded();
  });
  await load;
  const result = await run.finish(
    `RabbitMQ stop_app ${String(size.downMs / 1000)} s / start_app ×${String(restarts)}`,
    specs,
    {
      faults: restarts,
    },
  );
  const seen = await readiness.stop();
  const neverDown = seen.filter((service) => !service.notReadyWhileDown).map((service) => service.name);
  const neverBack = seen.filter((service) => !service.readyAfter).map((service) => service.name);
  return {
    ...result,
    notes: [
      ...result.notes,
      `/readyz went not-ready while the broker was down and ready after, for ${String(seen.length - neverDown.length)} of ${String(seen.length)} processes`,
    ],
    problems: [
      ...result.problems,
      ...(neverDown.length > 0
        ? [`/readyz stayed ready while the broker was down: ${neverDown.join(', ')}`]
        : []),
      ...(neverBack.length > 0 ? [`/readyz not ready again after the restart: ${neverBack.join(', ')}`] : []),
    ],
  };
}
