// The database unreachable for minutes (the suite's private FerretDB stopped, connections refused,
// then started again on the same PostgreSQL database) with the services on quorum queues, whose
// broker-side delivery limit (RabbitMQ 4's default of 20, applied here as a policy on 3.10) dead-letters
// a message redelivered too often: a handler that keeps failing on a missing database must not burn
// through it. Nothing may be lost or dead-lettered.
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultStack } from '../harness/fault-stack.ts';
import type { MailBook } from '../harness/mail-book.ts';
import { orderMix } from '../harness/order-mix.ts';
import { startScenario, type Budget, type ScenarioResult } from '../harness/scenario-run.ts';

export interface DatabaseOutageSize {
  orders: number;
  /** Load before the database goes away. */
  afterMs: number;
  downMs: number;
}

/** RabbitMQ 4's default delivery limit for quorum queues. */
const deliveryLimit = 20;

export async function databaseOutage(
  faults: FaultStack,
  book: MailBook,
  size: DatabaseOutageSize,
  budget: Budget,
): Promise<ScenarioResult> {
  const policy = {
    name: 'conveyor-faults-delivery-limit',
    pattern: `^${faults.stack.names.prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.`,
    definition: { 'delivery-limit': deliveryLimit },
    applyTo: 'queues',
  } as const;
  await faults.servers.rabbitmq.setPolicy(policy);
  try {
    const run = startScenario(faults, book, 'database-outage', budget);
    const specs = orderMix(run.scenario, size.orders);
    // Nothing settles while the database is away: the load waits that long and a margin before it
    // calls the system stuck.
    const load = run.load(specs, { stallMs: size.downMs + 180_000 });
    const outages = await run.repeat(load, size.afterMs, 1, async () => {
      await faults.servers.mongo.stop();
      try {
        await sleep(size.downMs);
      } finally {
        await faults.servers.mongo.start();
      }
      run.clock.faultEnded();
    });
    await load;
    const result = await run.finish(
      `FerretDB stopped ${String(size.downMs / 60_000)} min ×${String(outages)}, quorum queues (delivery limit ${String(deliveryLimit)})`,
      specs,
      { faults: outages },
    );
    const deadLetters = Object.values(result.deadLettered).reduce((total, count) => total + count, 0);
    return {
      ...result,
      problems: [
        ...result.problems,
        ...(deadLetters > 0
          ? [`${String(deadLetters)} messages dead-lettered while the database was unreachable`]
          : []),
      ],
    };
  } finally {
    await faults.servers.rabbitmq.clearPolicy(policy.name);
  }
}
