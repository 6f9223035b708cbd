// Reads of stored schedules, across tenants (operators) or for one tenant (the gateway's API), by
// tenant then name. A document that does not validate is left out here: the scheduler ignores it (and
// logs it).
import type { Store } from '@conveyor/store';
import type { Document, Filter } from 'mongodb';
import { scheduleDocument, schedulesCollection, type ScheduleDocument } from './schedule-document.ts';

export interface ScheduleQuery {
  /** Only this tenant's schedules; every tenant's when absent. */
  tenantId?: string | undefined;
  /** At most this many, by tenant then name (default 500). */
  limit?: number;
}

export async function listSchedules(store: Store, query: ScheduleQuery = {}): Promise<ScheduleDocument[]> {
  const filter: Filter<Document> = query.tenantId === undefined ? {} : { tenantId: query.tenantId };
  const found = await store.db
    .collection(schedulesCollection)
    .find(filter)
    .sort({ tenantId: 1, name: 1 })
    .limit(query.limit ?? 500)
    .toArray();
  return found.flatMap((document) => {
    const parsed = scheduleDocument.safeParse(document);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The schedule with this id (of this tenant, when given), or null. */
export async function getSchedule(
  store: Store,
  scheduleId: string,
  tenantId?: string,
): Promise<ScheduleDocument | null> {
  const found = await store.db
    .collection<{ _id: string }>(schedulesCollection)
    .findOne({ _id: scheduleId, ...(tenantId === undefined ? {} : { tenantId }) });
  if (found === null) return null;
  const parsed = scheduleDocument.safeParse(found);
  return parsed.success ? parsed.data : null;
}
