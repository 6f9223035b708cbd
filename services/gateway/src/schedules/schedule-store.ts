// Reads and writes of `schedules`, every one scoped to the tenant.
import { randomUUID } from 'node:crypto';
import { createIndexesOneByOne, isDuplicateKeyError, type Store } from '@conveyor/store';
import type { Collection, IndexDescription } from 'mongodb';
import { ScheduleNameTakenError } from '../errors/schedule-name-taken-error.ts';
import { scheduleDocument, schedulesCollection, type ScheduleDocument } from './schedule-document.ts';
import type { CreateScheduleBody } from './schedule-schemas.ts';
import { canonicalTimeZone } from './time-zone.ts';

/** More than any tenant should have; the list is not paged yet. */
const listLimit = 1_000;

const scheduleIndexes: readonly IndexDescription[] = [
  { key: { tenantId: 1, name: 1 }, name: 'tenant_name', unique: true },
];

function schedules(store: Store): Collection<ScheduleDocument> {
  return store.db.collection<ScheduleDocument>(schedulesCollection);
}

/** The missing indexes only, one per command (see createIndexesOneByOne in @conveyor/store). */
export async function ensureScheduleIndexes(store: Store): Promise<void> {
  await createIndexesOneByOne(store.db, schedulesCollection, scheduleIndexes);
}

export async function createSchedule(
  store: Store,
  tenantId: string,
  body: CreateScheduleBody,
  now: Date,
): Promise<ScheduleDocument> {
  const schedule: ScheduleDocument = {
    _id: `sch_${randomUUID().replaceAll('-', '')}`,
    tenantId,
    name: body.name,
    cron: body.cron,
    timeZone: canonicalTimeZone(body.timeZone) ?? body.timeZone,
    job: body.job,
    overlap: body.overlap,
    misfire: body.misfire,
    paused: body.paused,
    createdAt: now,
  };
  try {
    await schedules(store).insertOne(schedule);
  } catch (error) {
    if (isDuplicateKeyError(error)) throw new ScheduleNameTakenError(body.name);
    throw error;
  }
  return schedule;
}

export async function listSchedules(store: Store, tenantId: string): Promise<ScheduleDocument[]> {
  const found = await schedules(store).find({ tenantId }).sort({ name: 1 }).limit(listLimit).toArray();
  return found.map((schedule) => scheduleDocument.parse(schedule));
}

export async function getSchedule(
  store: Store,
  tenantId: string,
  scheduleId: string,
): Promise<ScheduleDocument | null> {
  const found = await schedules(store).findOne({ _id: scheduleId, tenantId });
  return found === null ? null : scheduleDocument.parse(found);
}

/** True when it existed (for this tenant) and is now gone. */
export async function deleteSchedule(store: Store, tenantId: string, scheduleId: string): Promise<boolean> {
  const result = await schedules(store).deleteOne({ _id: scheduleId, tenantId });
  return result.deletedCount === 1;
}
