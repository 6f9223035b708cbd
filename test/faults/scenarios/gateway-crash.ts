// The gateway killed between storing an order and publishing it (fault injection: the request asks
// for SIGKILL right after the write): the client gets no answer, the order sits in the database with
// its order.placed.v1 unsent in its outbox, and the outbox relay of the restarted gateway publishes
// it. It completes once, among orders that other clients keep placing (and retrying) meanwhile.
import { api } from '../../e2e/stack.ts';
import type { FaultStack } from '../harness/fault-stack.ts';
import type { MailBook } from '../harness/mail-book.ts';
import { orderMix, type OrderSpec } from '../harness/order-mix.ts';
import { startScenario, type Budget, type ScenarioResult } from '../harness/scenario-run.ts';

export interface GatewayCrashSize {
  orders: number;
  crashes: number;
  everyMs: number;
}

export async function gatewayCrash(
  faults: FaultStack,
  book: MailBook,
  size: GatewayCrashSize,
  budget: Budget,
): Promise<ScenarioResult> {
  const run = startScenario(faults, book, 'gateway-crash', budget);
  const specs = orderMix(run.scenario, size.orders);
  const crashing = orderMix(`${run.scenario}-x`, size.crashes, { failuresPerHundred: 0 });
  const load = run.load(specs);
  const answered: string[] = [];
  let next = 0;
  const crashes = await run.repeat(load, size.everyMs, size.crashes, async () => {
    const spec = crashing[next];
    next += 1;
    if (spec === undefined) return;
    await faults.waitAllReady('before a gateway crash');
    const status = await placeAndCrash(faults, spec);
    if (status !== undefined) answered.push(`${spec.customerId}: ${String(status)}`);
    run.placed.push({ spec, orderId: undefined, answer: status ?? 'no-answer', placedAt: Date.now() });
    run.clock.faultEnded();
  });
  await load;
  const attempted = [...specs, ...crashing.slice(0, next)];
  const result = await run.finish(
    `gateway SIGKILL between order write and publish ×${String(crashes)}`,
    attempted,
    {
      faults: crashes,
    },
  );
  return {
    ...result,
    notes: [
      ...result.notes,
      `${String(crashes)} orders stored by a gateway that died before publishing; the relay published them`,
    ],
    problems: [
      ...result.problems,
      ...answered.map((what) => `the gateway answered instead of crashing: ${what}`),
    ],
  };
}

/** The HTTP status if the gateway answered (it must not), undefined when it died on the request. */
async function placeAndCrash(faults: FaultStack, spec: OrderSpec): Promise<number | undefined> {
  const body = { customerId: spec.customerId, email: spec.email, items: spec.items, express: spec.express };
  const response = await api(faults.stack, 'POST', '/v1/orders', body, {
    'idempotency-key': spec.customerId,
    'x-fault-inject': 'crash-after-order-write',
  }).catch(() => undefined);
  return response?.status;
}
