// One fulfilment step of an order, as a BullMQ job: the provider call the step stands for (a 5 ms
// sandbox latency, as Conveyor's sandbox; `complete` calls none, as Conveyor's does not), the order's
// step/status/updatedAt written to Redis, then the e-mail job (at pay and ship) and the next step's job.
// A retried step that is already recorded skips the call and the write and only adds the follow-ups,
// which BullMQ de-duplicates by job id.
import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { UnrecoverableError, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { readOrder, stepDone, stepFields } from './order-record.ts';
import {
  emailJobId,
  jobPriority,
  jobRetries,
  orderSteps,
  stepJobId,
  type EmailKind,
  type OrderStep,
  type PeerKeys,
} from './peer-keys.ts';

export interface StepDeps {
  redis: Redis;
  keys: PeerKeys;
  fulfilment: Queue;
  notifications: Queue;
  sandboxLatencyMs: number;
}

/** The e-mail a step's completion triggers, as Conveyor's payment-captured and shipped events do. */
const emailAfter: Partial<Record<OrderStep, EmailKind>> = { pay: 'confirmed', ship: 'shipped' };

export function isOrderStep(name: string): name is OrderStep {
  return (orderSteps as readonly string[]).includes(name);
}

export async function runStep(deps: StepDeps, step: OrderStep, orderId: string): Promise<void> {
  const key = deps.keys.order(orderId);
  const order = await readOrder(deps.redis, key);
  if (order === undefined) throw new UnrecoverableError(`order ${orderId} does not exist`);
  if (!stepDone(order, step)) {
    const extra: Record<string, string> = {};
    if (step !== 'complete') await sleep(deps.sandboxLatencyMs);
    if (step === 'ship') extra.trackingCode = `TRK-${randomUUID().slice(0, 8).toUpperCase()}`;
    await deps.redis.hset(key, stepFields(step, Date.now(), extra));
  }
  const priority = jobPriority(order.express);
  const kind = emailAfter[step];
  if (kind !== undefined) {
    await deps.notifications.add(
      kind,
      { orderId },
      { ...jobRetries, jobId: emailJobId(orderId, kind), priority },
    );
  }
  const next = orderSteps[orderSteps.indexOf(step) + 1];
  if (next !== undefined) {
    await deps.fulfilment.add(
      next,
      { orderId },
      { ...jobRetries, jobId: stepJobId(orderId, next), priority },
    );
  }
}
