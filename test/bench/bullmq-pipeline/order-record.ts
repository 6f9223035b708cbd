// An order of the BullMQ peer: one Redis hash, written by the gateway and updated by each step (the
// last step done, the status, updatedAt in ms since the epoch, the shipment's tracking code).
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { orderItem } from '@conveyor/contracts';
import type { PlaceOrderBody } from './order-body.ts';
import { orderSteps, type OrderStep } from './peer-keys.ts';

export const peerOrderStatuses = ['accepted', 'in_progress', 'completed'] as const;

const millis = z.coerce.number().int().nonnegative();

const orderHash = z.object({
  id: z.string(),
  customerId: z.string(),
  email: z.email(),
  items: z.string().transform((text) => z.array(orderItem).parse(JSON.parse(text))),
  express: z.enum(['0', '1']).transform((flag) => flag === '1'),
  status: z.enum(peerOrderStatuses),
  /** The last step done; empty before the first. */
  step: z.union([z.enum(orderSteps), z.literal('')]),
  createdAt: millis,
  updatedAt: millis,
  trackingCode: z.string().optional(),
});

export type PeerOrder = z.infer<typeof orderHash>;

export function newOrderFields(id: string, body: PlaceOrderBody, now: number): Record<string, string> {
  return {
    id,
    customerId: body.customerId,
    email: body.email,
    items: JSON.stringify(body.items),
    express: body.express ? '1' : '0',
    status: 'accepted',
    step: '',
    createdAt: String(now),
    updatedAt: String(now),
  };
}

/** The order, or undefined when there is no such hash. */
export async function readOrder(redis: Redis, key: string): Promise<PeerOrder | undefined> {
  const fields = await redis.hgetall(key);
  return Object.keys(fields).length === 0 ? undefined : orderHash.parse(fields);
}

/** True when `step` is done already (by this job's previous attempt, or a duplicate). */
export function stepDone(order: PeerOrder, step: OrderStep): boolean {
  return order.step !== '' && orderSteps.indexOf(order.step) >= orderSteps.indexOf(step);
}

export function stepFields(step: OrderStep, now: number, extra: Record<string, string> = {}) {
  return {
    step,
    status: step === 'complete' ? 'completed' : 'in_progress',
    updatedAt: String(now),
    ...extra,
  };
}
