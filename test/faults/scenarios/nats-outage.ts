// NATS stopped for a while (the suite's private server, restarted on the same store): orders keep
// completing, since progress events are best-effort; live SSE followers ride it out (an open stream
// re-reads the order on its heartbeat; a new one gets 503 and the client retries) and every one of
// them sees its order complete. The schedulers lose and regain their lease.
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultStack } from '../harness/fault-stack.ts';
import type { MailBook } from '../harness/mail-book.ts';
import { orderMix } from '../harness/order-mix.ts';
import { startScenario, type Budget, type ScenarioResult } from '../harness/scenario-run.ts';
import { followOrder, type Follower } from '../harness/sse-follower.ts';

export interface NatsOutageSize {
  orders: number;
  followers: number;
  downMs: number;
}

export async function natsOutage(
  faults: FaultStack,
  book: MailBook,
  size: NatsOutageSize,
  budget: Budget,
): Promise<ScenarioResult> {
  const run = startScenario(faults, book, 'nats-outage', budget);
  const specs = orderMix(run.scenario, size.orders, { failuresPerHundred: 0 });
  const load = run.load(specs, { window: 40 });
  const followers: Follower[] = [];
  const follow = (count: number): Follower[] => {
    const fresh = run.placed.filter((order) => order.orderId !== undefined).slice(-count);
    const started = fresh.map((order) => followOrder(faults.stack, order.orderId ?? '', 5 * 60_000));
    followers.push(...started);
    return started;
  };
  let downAt = 0;
  const outages = await run.repeat(load, 5_000, 1, async () => {
    // Half of the followers have their stream open when NATS goes; the other half connect during the outage.
    await Promise.all(follow(Math.ceil(size.followers / 2)).map((follower) => follower.opened));
    downAt = Date.now();
    await faults.servers.nats.stop();
    await sleep(size.downMs / 2);
    follow(Math.floor(size.followers / 2));
    await sleep(size.downMs / 2);
    await faults.servers.nats.start();
    run.clock.faultEnded();
  });
  await load;
  const result = await run.finish(`NATS stopped ${String(size.downMs / 1000)} s`, specs, { faults: outages });
  const outcomes = await Promise.all(followers.map((follower) => follower.outcome));
  const stuck = outcomes.filter((outcome) => outcome.lastStatus !== 'completed');
  const retried = outcomes.filter((outcome) => outcome.connections > 1).length;
  const completedDuringOutage =
    outages > 0 ? await completedBetween(faults, downAt, downAt + size.downMs) : 0;
  return {
    ...result,
    notes: [
      ...result.notes,

      `${String(completedDuringOutage)} orders completed while NATS was down`,
      `${String(outcomes.length - stuck.length)} of ${String(outcomes.length)} SSE followers saw their order complete; ${String(retried)} had to reconnect (refused while NATS was down)`,
    ],
    problems: [
      ...result.problems,
      ...stuck.map(
        (outcome) =>
          `SSE follower of ${outcome.orderId} ended at ${outcome.lastStatus ?? 'nothing'}: ${outcome.error ?? ''}`,
      ),
      ...(outages > 0 && completedDuringOutage === 0 ? ['no order completed while NATS was down'] : []),
    ],
  };
}

async function completedBetween(faults: FaultStack, from: number, to: number): Promise<number> {
  return faults.stack.db.collection('orders').countDocuments({
    customerId: { $regex: '^nats-outage-' },
    status: 'completed',
    updatedAt: { $gte: new Date(from), $lte: new Date(to) },
  });
}
