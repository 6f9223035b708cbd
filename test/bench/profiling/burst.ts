// A burst of orders against a running e2e stack, as the order-pipeline scenario submits it (that
// scenario keeps its helpers private; these are the same few lines): `concurrency` requests in flight,
// then a poll until every accepted order reached a terminal status.
import { setTimeout as sleep } from 'node:timers/promises';
import { api, type Stack } from '../../e2e/stack.ts';

const terminalStatuses = ['completed', 'compensated', 'failed'];

export interface BurstOutcome {
  accepted: number;
  completed: number;
}

export async function runBurst(stack: Stack, total: number, concurrency: number): Promise<BurstOutcome> {
  const ids: string[] = [];
  let next = 0;
  const submitter = async () => {
    while (next < total) {
      const index = next;
      next += 1;
      const id = await submitOrder(stack, index);
      if (id !== undefined) ids.push(id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, submitter));
  const orders = stack.db.collection<{ _id: string; status: string }>('orders');
  const filter = { _id: { $in: ids }, status: { $in: terminalStatuses } };
  // Completion is a document state with no event to await; poll (the caller bounds the wait). A
  // 100 ms poll puts the burst's end within 0.1 s of the last completion.
  while ((await orders.countDocuments(filter)) < ids.length) await sleep(100);
  const completed = await orders.countDocuments({ _id: { $in: ids }, status: 'completed' });
  return { accepted: ids.length, completed };
}

/** The order's id when the gateway accepted it (202), else undefined. */
async function submitOrder(stack: Stack, index: number): Promise<string | undefined> {
  const response = await api(stack, 'POST', '/v1/orders', {
    customerId: `bench-customer-${index}`,
    email: `bench-${index}@example.test`,
    items: [{ sku: 'WIDGET-1', qty: 1 + (index % 3) }],
    express: index % 5 === 0,
  });
  if (response.status !== 202) return undefined;
  const body = response.body;
  return typeof body === 'object' && body !== null && 'id' in body && typeof body.id === 'string'
    ? body.id
    : undefined;
}
