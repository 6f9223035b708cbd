// Places a scenario's orders through the gateway as a client would: a few requests at a time, each
// with an Idempotency-Key (its customer id) and retried on a network error or a 5xx/429, and never
// more than `window` orders unsettled at once, so the backlog (and each order's latency) stays bounded
// while faults come and go. "Settled" is read from the e-mails (in-process), not the database.
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { api, type Stack } from '../../e2e/stack.ts';
import type { MailBook } from './mail-book.ts';
import { expectedEmails, type OrderSpec } from './order-mix.ts';

export interface PlacedOrder {
  readonly spec: OrderSpec;
  /** From the 202; undefined when no answer came (the ledger finds the order by its customer). */
  readonly orderId: string | undefined;
  /** The last HTTP status, or `no-answer` when the connection failed. */
  readonly answer: number | 'no-answer';
  readonly placedAt: number;
}

export interface LoadOptions {
  /** Orders placed but not settled, at most. */
  readonly window: number;
  /** Requests in flight at once. */
  readonly concurrency?: number;
  /** When placing must be over, as a performance.now() time. */
  readonly deadline: number;
  /** Retry a request that got no answer or a 5xx/429 (default true). */
  readonly retry?: boolean;
  /** Each order is added here as soon as its request has ended (for the recovery clock). */
  readonly placed?: PlacedOrder[];
  /** No order settling for this long, with the window full, fails the load (default 3 min). */
  readonly stallMs?: number;
  /** Placing no faster than this (all lanes together); unset: as fast as the window allows. */
  readonly maxPerSecond?: number | undefined;
}

const accepted = z.object({ id: z.string() });
const retryPauseMs = 250;
/** No order settling for this long, with the window full, means the system is stuck: fail, do not wait. */
const defaultStallMs = 180_000;

/** True once the e-mail that ends this order's story has arrived (poison and crash orders: at once). */
export function isSettled(book: MailBook, spec: OrderSpec): boolean {
  const last = expectedEmails(spec.expected).at(-1);
  return last === undefined || book.of(spec.email).has(last);
}

export async function placeOrders(
  stack: Stack,
  specs: readonly OrderSpec[],
  book: MailBook,
  options: LoadOptions,
): Promise<PlacedOrder[]> {
  const placed: PlacedOrder[] = [];
  const record = (order: PlacedOrder) => {
    placed.push(order);
    options.placed?.push(order);
  };
  const unsettled = new Set<OrderSpec>();
  let next = 0;
  let lastSettledAt = performance.now();
  const stallMs = options.stallMs ?? defaultStallMs;
  const roomInWindow = async () => {
    for (;;) {
      for (const spec of unsettled) {
        if (!isSettled(book, spec)) continue;
        unsettled.delete(spec);
        lastSettledAt = performance.now();
      }
      if (unsettled.size < options.window) return;
      if (performance.now() > options.deadline)
        throw new Error(`${String(unsettled.size)} orders still unsettled at the load deadline`);
      if (performance.now() - lastSettledAt > stallMs)
        throw new Error(
          `no order settled for ${String(stallMs / 1000)} s (${String(unsettled.size)} unsettled)`,
        );
      await sleep(50);
    }
  };
  // The earliest time the next order may be placed, when the rate is capped (shared by the lanes).
  let nextSlot = performance.now();
  const slotMs = options.maxPerSecond === undefined ? 0 : 1_000 / options.maxPerSecond;
  const waitForSlot = async () => {
    const slot = Math.max(nextSlot, performance.now());
    nextSlot = slot + slotMs;
    const waitMs = slot - performance.now();
    if (waitMs > 0) await sleep(waitMs);
  };
  const lane = async () => {
    for (;;) {
      await roomInWindow();
      if (slotMs > 0) await waitForSlot();
      const spec = specs[next];
      if (spec === undefined) return;
      next += 1;
      unsettled.add(spec);
      record(await placeOne(stack, spec, options));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, lane));
  return placed;
}

async function placeOne(stack: Stack, spec: OrderSpec, options: LoadOptions): Promise<PlacedOrder> {
  const body = { customerId: spec.customerId, email: spec.email, items: spec.items, express: spec.express };
  const placedAt = Date.now();
  let answer: number | 'no-answer' = 'no-answer';
  for (;;) {
    const response = await api(stack, 'POST', '/v1/orders', body, {
      'idempotency-key': spec.customerId,
    }).catch(() => undefined);
    answer = response?.status ?? 'no-answer';
    if (response?.status === 202) {
      return { spec, orderId: accepted.parse(response.body).id, answer, placedAt };
    }
    const transient = response === undefined || response.status >= 500 || response.status === 429;
    if (options.retry === false || !transient || performance.now() > options.deadline) {
      return { spec, orderId: undefined, answer, placedAt };
    }
    await sleep(retryPauseMs);
  }
}
