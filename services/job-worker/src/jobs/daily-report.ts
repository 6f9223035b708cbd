// report.daily: orders of the tenant created in the last 24 hours, counted by status, kept in
// `reports` under the job's id (so a redelivered job overwrites nothing and counts nothing twice).
import { isDuplicateKeyError } from '@conveyor/store';
import type { JobRunner } from './job-runner.ts';

interface ReportDocument {
  _id: string;
  tenantId: string;
  kind: 'daily';
  from: Date;
  to: Date;
  ordersByStatus: Record<string, number>;
  createdAt: Date;
}

export const dailyReport: JobRunner = async ({ jobId, tenantId, db }) => {
  const to = new Date();
  const from = new Date(to.getTime() - 24 * 60 * 60 * 1000);
  const ordersByStatus: Record<string, number> = {};
  const orders = db.collection<{ tenantId: string; status: string; createdAt: Date }>('orders');
  for await (const order of orders.find(
    { tenantId, createdAt: { $gte: from, $lt: to } },
    { projection: { status: 1 } },
  )) {
    ordersByStatus[order.status] = (ordersByStatus[order.status] ?? 0) + 1;
  }
  const report: ReportDocument = {
    _id: jobId,
    tenantId,
    kind: 'daily',
    from,
    to,
    ordersByStatus,
    createdAt: to,
  };
  try {
    await db.collection<ReportDocument>('reports').insertOne(report);
  } catch (error) {
    // A redelivery after a crash between this write and the inbox's done mark: the report exists.
    if (!isDuplicateKeyError(error)) throw error;
  }
  return { reportId: jobId, ordersByStatus };
};
