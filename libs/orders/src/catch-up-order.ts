// The order document follows its step records: a writer that won its insert but died before updating
// the order, or an update another replace overwrote, is applied again from the record. Writers that
// lose an insert call this before they stop, and the stuck-order sweep calls it for a stuck order.
import type { Store } from '@conveyor/store';
import { getOrder } from './get-order.ts';
import type { OrderDocument } from './order-document.ts';
import {
  applyStepRecord,
  orderRevision,
  orderStepRecord,
  orderStepRecordId,
  orderStepRecords,
  storeOrderRevision,
} from './order-step-record.ts';

// An order has a handful of writes; more rounds than this means the document keeps moving under us.
const maxRounds = 32;

/** The order with every recorded write applied (null when there is no such order). */
export async function catchUpOrder(
  store: Store,
  tenantId: string,
  orderId: string,
): Promise<OrderDocument | null> {
  let order = await getOrder(store, tenantId, orderId);
  for (let round = 0; order !== null && round < maxRounds; round += 1) {
    const next = await orderStepRecords(store).findOne({
      _id: orderStepRecordId(orderId, orderRevision(order) + 1),
    });
    if (next === null) return order;
    const after = applyStepRecord(order, orderStepRecord.parse(next));
    // No match: someone else moved the document meanwhile; read it again and go on from there.
    order = (await storeOrderRevision(store, after)) ? after : await getOrder(store, tenantId, orderId);
  }
  return order;
}
