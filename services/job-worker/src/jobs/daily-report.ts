// report.daily: orders of the tenant created in the last 24 hours, counted by status, kept in
// `reports` under the job's id (so a redelivered job overwrites nothing and counts nothing twice).
import { isDuplicateKeyError, type Store } from '@conveyor/store';
import { defineJob, type JobDefinition } from '@conveyor/worker';
import { z } from 'zod';
import type { BuiltInQueue } from './built-in-queue.ts';

interface ReportDocument {
  _id: string;
  tenantId: string;
  kind: 'daily';
  from: Date;
  to: Date;
  ordersByStatus: Record<string, number>;
  createdAt: Date;
}

export function dailyReportJob(store: Store, on: BuiltInQueue): JobDefinition {
  return defineJob({
    type: 'report.daily',
    ...on,
    // Schedules fire it with whatever their payload says; the report needs nothing from it.
    schema: z.record(z.string(), z.unknown()),
    async handler(_data, { jobId, tenantId }) {
      const to = new Date();
      const from = new Date(to.getTime() - 24 * 60 * 60 * 1000);
      const ordersByStatus: Record<string, number> = {};
      const orders = store.db.collection<{ tenantId: string; status: string; createdAt: Date }>('orders');
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
        await store.db.collection<ReportDocument>('reports').insertOne(report);
      } catch (error) {
        // A redelivery after a crash between this write and the inbox's done mark: the report exists.
        if (!isDuplicateKeyError(error)) throw error;
      }
      return { reportId: jobId, ordersByStatus };
    },
  });
}
