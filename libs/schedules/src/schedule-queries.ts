// Reads of stored schedules, across tenants (operators) or for one tenant. A document that does not
// validate is left out here; the scheduler logs it.
import type { Store } from '@conveyor/store';
import type { Document, Filter } from 'mongodb';
import { scheduleRecord, schedulesCollection, type ScheduleRecord } from './schedule-record.ts';

export interface ScheduleQuery {
  /** Only this tenant's schedules; every tenant's when absent. */
  tenantId?: string | undefined;
  /** At most this many, by tenant then name (default 500). */
  limit?: number;
}

export async function listScheduleRecords(
  store: Store,
  query: ScheduleQuery = {},
): Promise<ScheduleRecord[]> {
  const filter: Filter<Document> = query.tenantId === undefined ? {} : { tenantId: query.tenantId };
  const found = await store.db
    .collection(schedulesCollection)
    .find(filter)
    .sort({ tenantId: 1, name: 1 })
    .limit(query.limit ?? 500)
    .toArray();
  return found.flatMap((document) => {
    const parsed = scheduleRecord.safeParse(document);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The schedule with this id (of this tenant, when given), or null. */
export async function getScheduleRecord(
  store: Store,
  scheduleId: string,
  tenantId?: string,
): Promise<ScheduleRecord | null> {
  const found = await store.db
    .collection<{ _id: string }>(schedulesCollection)
    .findOne({ _id: scheduleId, ...(tenantId === undefined ? {} : { tenantId }) });
  if (found === null) return null;
  const parsed = scheduleRecord.safeParse(found);
  return parsed.success ? parsed.data : null;
}
