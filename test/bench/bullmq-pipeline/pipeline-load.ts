// The load both order-pipeline scenarios put on their gateway (Conveyor's and the BullMQ peer's): the
// same order bodies, each with an Idempotency-Key (both gateways then do their de-duplication work), a
// burst with a bounded number of requests in flight, and orders at a fixed rate.
import { setTimeout as sleep } from 'node:timers/promises';
import { pace } from '../harness/pacer.ts';
import { PipelineLossError } from './pipeline-loss-error.ts';

export interface OrderRequest {
  body: {
    customerId: string;
    email: string;
    items: { sku: string; qty: number }[];
    express: boolean;
  };
  idempotencyKey: string;
}

/** The order id the gateway answered 202 with, else undefined. */
export type SubmitOrder = (order: OrderRequest) => Promise<string | undefined>;

/** Order `index` of a run: every fifth is express, as in the Conveyor scenario before. */
export function orderRequest(run: string, index: number): OrderRequest {
  return {
    body: {
      customerId: `bench-customer-${index}`,
      email: `bench-${index}@example.test`,
      items: [{ sku: 'WIDGET-1', qty: 1 + (index % 3) }],
      express: index % 5 === 0,
    },
    idempotencyKey: `${run}-${index}`,
  };
}

export interface Submitted {
  /** Ids answered 202, in no particular order. */
  ids: string[];
  /** Requests answered 202 without an order id (a refusal fails the run at once: postOrder). */
  refused: number;
}

/** Orders `first`… as fast as the gateway answers, `concurrency` requests at a time. */
export async function submitBurst(
  submit: (index: number) => Promise<string | undefined>,
  first: number,
  total: number,
  concurrency: number,
): Promise<Submitted> {
  const result: Submitted = { ids: [], refused: 0 };
  let next = 0;
  const submitter = async () => {
    while (next < total) {
      const index = first + next;
      next += 1;
      const id = await submit(index);
      if (id === undefined) result.refused += 1;
      else result.ids.push(id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, submitter));
  return result;
}

/** Orders `first`… at `rate` per second, not waiting for one answer before the next order. */
export async function submitPaced(
  submit: (index: number) => Promise<string | undefined>,
  first: number,
  total: number,
  rate: number,
): Promise<Submitted> {
  const submissions: Promise<string | undefined>[] = [];
  await pace({ rate, total, stepMs: 5 }, (index) => {
    const submission = submit(first + index);
    submission.catch(() => undefined);
    submissions.push(submission);
  });
  const answers = await Promise.all(submissions);
  const ids = answers.filter((id) => id !== undefined);
  return { ids, refused: answers.length - ids.length };
}

/**
 * POSTs one order as JSON; the id of a 202 answer, else undefined. Any other status fails the run at
 * once, naming it and the answer, since a run with a refused order counts as failed anyway.
 */
export async function postOrder(
  url: string,
  order: OrderRequest,
  headers: Record<string, string> = {},
): Promise<string | undefined> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': order.idempotencyKey, ...headers },
    body: JSON.stringify(order.body),
  });
  const text = await response.text();
  if (response.status !== 202) {
    throw new PipelineLossError([
      `order ${order.idempotencyKey} refused by the gateway: ${String(response.status)} ${text.slice(0, 300)}`,
    ]);
  }
  const body: unknown = JSON.parse(text);
  return typeof body === 'object' && body !== null && 'id' in body && typeof body.id === 'string'
    ? body.id
    : undefined;
}

/**
 * Waits until `settled` says every id reached a final state. Neither pipeline announces completion as
 * an event the bench can await, so it polls; only the ids still pending are asked each time, so the
 * polling costs the servers little; the caller's deadline bounds it.
 */
export async function untilSettled(
  ids: readonly string[],
  settled: (pending: readonly string[]) => Promise<readonly string[]>,
  intervalMs = 250,
): Promise<void> {
  const pending = new Set(ids);
  while (pending.size > 0) {
    for (const id of await settled([...pending])) pending.delete(id);
    if (pending.size > 0) await sleep(intervalMs);
  }
}
