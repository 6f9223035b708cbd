// Supervisor sweep for orders with no progress past their step deadline. The order is first caught up
// with its step records (a write whose order update was lost). An order whose step message waits in
// a retry tier is left alone; otherwise the step's message (@conveyor/orders' stuckStepPlan) is
// published again under its own message id, with the attempt it had reached: the inbox runs it only if
// it never completed, and the attempt limit still holds. Each re-publish is first recorded in
// `order_sweeps` as `${orderId}:${step}:sweep:${n}`, so two leaders never both send the same one.
// After `maxSweeps` re-publishes the order is only reported: compensating it is the workflow's
// decision, not the scheduler's.
import type { OutgoingMessage } from '@conveyor/bus';
import {
  catchUpOrder,
  forwardOrderStatuses,
  orderDocument,
  ordersCollection,
  planStuckStep,
  stuckOrdersFilters,
  type OrderDocument,
  type OrderPosition,
} from '@conveyor/orders';
import { toOutgoingMessage } from '@conveyor/outbox';
import { createIndexesOneByOne, isDuplicateKeyError, type Store } from '@conveyor/store';
import type { Document } from 'mongodb';
import type { Logger } from 'pino';
import type { LeaderView } from '../leadership/leader-view.ts';

export const orderSweepsCollection = 'order_sweeps';

export interface OrderSweepRecord {
  _id: string;
  tenantId: string;
  orderId: string;
  step: OrderPosition;
  n: number;
  sweptAt: Date;
  fencingToken: number;
  /** The outbox entry re-published. */
  causationId: string;
  type: string;
}

export async function ensureOrderSweepIndexes(store: Store): Promise<void> {
  await createIndexesOneByOne(store.db, orderSweepsCollection, [
    { key: { tenantId: 1, orderId: 1, step: 1 }, name: 'tenant_order_step' },
  ]);
}

/** Retention of the sweep's own records: those written before `cutoff`. The number deleted. */
export async function deleteOrderSweepsOlderThan(store: Store, cutoff: Date): Promise<number> {
  const deleted = await store.db.collection(orderSweepsCollection).deleteMany({ sweptAt: { $lt: cutoff } });
  return deleted.deletedCount;
}

export interface StuckOrderSweep {
  /** Re-publishes the current step of orders stuck at `now`; the number re-published. */
  run(now: Date): Promise<number>;
}

const batchSize = 100;

export function createStuckOrderSweep(options: {
  store: Store;
  /** The bus's publish: the copy carries the attempt its step message had reached. */
  publish: (message: OutgoingMessage) => Promise<unknown>;
  leader: LeaderView;
  logger: Logger;
  maxSweeps: number;
  /** How long after a noted retry is due the sweep still waits for it (default 1 min). */
  retryGraceMs?: number;
}): StuckOrderSweep {
  const { store, leader } = options;
  const logger = options.logger.child({ component: 'stuck-order-sweep' });
  const orders = store.db.collection(ordersCollection);
  const sweeps = store.db.collection<OrderSweepRecord>(orderSweepsCollection);

  async function sweepOrder(document: Document, now: Date): Promise<boolean> {
    const parsed = orderDocument.safeParse(document);
    if (!parsed.success) {
      logger.warn(
        { orderId: String(document._id), issues: parsed.error.issues },
        'stuck order is invalid; left alone',
      );
      return false;
    }
    const order = await caughtUp(parsed.data, now);
    if (order === null) return false;
    const plan = await planStuckStep(store, order, now, options.retryGraceMs);
    const { step } = plan;
    const log = { orderId: order._id, tenantId: order.tenantId, step, stepDeadline: order.stepDeadline };
    if (plan.kind === 'no-message') {
      logger.warn(log, 'stuck order has no outbox entry to re-publish');
      return false;
    }
    if (plan.kind === 'waiting-for-retry') {
      logger.info(
        { ...log, retryDueAt: plan.dueAt },
        'stuck order step is waiting in a retry tier; left alone',
      );
      return false;
    }
    const { entry, attempt } = plan;
    const n = (await sweeps.countDocuments({ tenantId: order.tenantId, orderId: order._id, step })) + 1;
    if (n > options.maxSweeps) {
      logger.error({ ...log, sweeps: n - 1 }, 'order still stuck after its re-publishes; needs an operator');
      return false;
    }
    const fencingToken = leader.fencingToken();
    if (!leader.isLeader() || fencingToken === undefined) return false;
    const sweepId = `${order._id}:${step}:sweep:${n}`;
    try {
      await sweeps.insertOne({
        _id: sweepId,
        tenantId: order.tenantId,
        orderId: order._id,
        step,
        n,
        sweptAt: now,
        fencingToken,
        causationId: entry.messageId,
        type: entry.type,
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
    // Recorded before publishing: a crash in between loses this copy, and the next sweep sends n + 1.
    await options.publish({ ...toOutgoingMessage(entry), attempt });
    logger.warn(
      { ...log, messageId: entry.messageId, attempt, sweep: sweepId, type: entry.type },
      'stuck order step re-published',
    );
    return true;
  }

  /** The order with its recorded writes applied, or null when that moved it on (no longer stuck). */
  async function caughtUp(order: OrderDocument, now: Date): Promise<OrderDocument | null> {
    const current = await catchUpOrder(store, order.tenantId, order._id);
    if (current === null || current.history.length === order.history.length) return current;
    const stillStuck =
      forwardOrderStatuses.includes(current.status) &&
      current.stepDeadline !== null &&
      current.stepDeadline < now;
    logger.warn(
      { orderId: order._id, tenantId: order.tenantId, stillStuck },
      'stuck order caught up with its recorded step writes',
    );
    return stillStuck ? current : null;
  }

  return {
    async run(now) {
      const stuck: Document[] = [];
      for (const filter of stuckOrdersFilters(now)) {
        if (stuck.length >= batchSize) break;
        stuck.push(
          ...(await orders
            .find(filter)
            .limit(batchSize - stuck.length)
            .toArray()),
        );
      }
      let republished = 0;
      for (const document of stuck) {
        if (!leader.isLeader()) break;
        try {
          if (await sweepOrder(document, now)) republished += 1;
        } catch (error) {
          logger.error(
            { err: error, orderId: String(document._id) },
            'stuck order sweep failed for this order',
          );
        }
      }
      return republished;
    },
  };
}
