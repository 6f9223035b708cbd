import { getOrder, OrderNotFoundError, type OrderDocument } from '@conveyor/orders';
import type { WorkflowContext } from './workflow-context.ts';

export async function loadOrder(
  context: WorkflowContext,
  tenantId: string,
  orderId: string,
): Promise<OrderDocument> {
  const order = await getOrder(context.store, tenantId, orderId);
  if (order === null) throw new OrderNotFoundError(tenantId, orderId);
  return order;
}
