// Handlers that overrun their deadline while their step is still running: SLOW- orders make the first
// provider call of every step wait past the handler's deadline, heedless of the abort signal. The bus
// aborts the handler, notes and publishes a retry, and the retry runs the step while the first
// handler is still inside it; both reach the step's write. Every order completes once: one effect per
// step, one history entry per step, one e-mail of each kind.
import { orderStepRetriesCollection } from '@conveyor/orders';
import type { FaultStack } from '../harness/fault-stack.ts';
import type { MailBook } from '../harness/mail-book.ts';
import { orderMix } from '../harness/order-mix.ts';
import { startScenario, type Budget, type ScenarioResult } from '../harness/scenario-run.ts';

export interface DeadlineOverrunsSize {
  orders: number;
  /** Orders whose three steps each overrun their deadline once. */
  overruns: number;
}

/** reserve, capture, ship: each one's first call overruns. */
const overrunsPerOrder = 3;

interface NotedRetry {
  _id: string;
  orderId: string;
}

export async function deadlineOverruns(
  faults: FaultStack,
  book: MailBook,
  size: DeadlineOverrunsSize,
  budget: Budget,
): Promise<ScenarioResult> {
  const run = startScenario(faults, book, 'deadline-overruns', budget);
  const specs = orderMix(run.scenario, size.orders, { overrun: size.overruns });
  await run.load(specs);
  const result = await run.finish(
    `handler overruns its deadline mid-step, retry runs meanwhile: ${String(size.overruns)} orders × 3 steps in ${String(size.orders)}`,
    specs,
    { faults: size.overruns * overrunsPerOrder },
  );
  const slowOrders = run.placed
    .filter((placed) => placed.spec.expected === 'overrun')
    .flatMap((placed) => (placed.orderId === undefined ? [] : [placed.orderId]));
  const retried = await retriesByOrder(faults, slowOrders);
  const notOverrun = slowOrders.filter((orderId) => (retried.get(orderId)?.size ?? 0) < overrunsPerOrder);
  const overrunSteps = [...retried.values()].reduce((total, messages) => total + messages.size, 0);
  return {
    ...result,
    notes: [
      ...result.notes,
      `${String(overrunSteps)} retries after a handler overran (noted in ${orderStepRetriesCollection}), for ${String(slowOrders.length)} SLOW- orders`,
    ],
    problems: [
      ...result.problems,
      ...(slowOrders.length < size.overruns
        ? [`only ${String(slowOrders.length)} of ${String(size.overruns)} SLOW- orders were accepted`]
        : []),
      // The row proves nothing unless every step of those orders really overran and was retried.
      ...notOverrun.map(
        (orderId) =>
          `${orderId}: ${String(retried.get(orderId)?.size ?? 0)} of ${String(overrunsPerOrder)} steps retried after an overrun`,
      ),
    ],
  };
}

/**
 * The retries of each order's messages (one note per message and attempt): the forward path runs in
 * the deliveries of order.placed.v1, so each overrun step is one more retry of that message.
 */
async function retriesByOrder(
  faults: FaultStack,
  orderIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const notes = await faults.stack.db
    .collection<NotedRetry>(orderStepRetriesCollection)
    .find({ orderId: { $in: [...orderIds] } }, { projection: { _id: 1, orderId: 1 } })
    .toArray();
  const byOrder = new Map<string, Set<string>>();
  for (const note of notes) byOrder.set(note.orderId, (byOrder.get(note.orderId) ?? new Set()).add(note._id));
  return byOrder;
}
