// The writes of `schedules` besides pause/resume: create (names unique per tenant) and delete, every
// one scoped to the tenant, and the collection's indexes.
import { randomUUID } from 'node:crypto';
import { createIndexesOneByOne, isDuplicateKeyError, type Store } from '@conveyor/store';
import type { IndexDescription } from 'mongodb';
import { canonicalTimeZone } from './cron-expression.ts';
import { schedulesCollection, type ScheduleDocument, type ScheduleJob } from './schedule-document.ts';

const scheduleIndexes: readonly IndexDescription[] = [
  { key: { tenantId: 1, name: 1 }, name: 'tenant_name', unique: true },
];

/** The missing indexes only, one per command (see createIndexesOneByOne in @conveyor/store). */
export async function ensureScheduleIndexes(store: Store): Promise<void> {
  await createIndexesOneByOne(store.db, schedulesCollection, scheduleIndexes);
}

export interface NewSchedule {
  name: string;
  cron: string;
  timeZone: string;
  job: ScheduleJob;
  overlap: ScheduleDocument['overlap'];
  misfire: ScheduleDocument['misfire'];
  paused: boolean;
}

/** The schedule written, or `name-taken` when the tenant has one of that name. */
export async function createSchedule(
  store: Store,
  tenantId: string,
  input: NewSchedule,
  now: Date,
): Promise<ScheduleDocument | 'name-taken'> {
  const schedule = {
    _id: `sch_${randomUUID().replaceAll('-', '')}`,
    tenantId,
    ...input,
    timeZone: canonicalTimeZone(input.timeZone) ?? input.timeZone,
    createdAt: now,
  } satisfies ScheduleDocument;
  try {
    await store.db.collection<ScheduleDocument>(schedulesCollection).insertOne(schedule);
  } catch (error) {
    if (isDuplicateKeyError(error)) return 'name-taken';
    throw error;
  }
  return schedule;
}

/** True when it existed (for this tenant) and is now gone. */
export async function deleteSchedule(store: Store, tenantId: string, scheduleId: string): Promise<boolean> {
  const result = await store.db
    .collection<{ _id: string }>(schedulesCollection)
    .deleteOne({ _id: scheduleId, tenantId });
  return result.deletedCount === 1;
}
