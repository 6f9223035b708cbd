// Pausing and resuming a stored schedule: the one shared write behind the gateway's
// POST /v1/schedules/{id}/pause|resume, the CLI and the dashboard. Resuming records `resumedAt`,
// from which the scheduler counts fire times again, so a pause never ends in a burst of missed runs.
import type { Store } from '@conveyor/store';
import { schedulesCollection } from './schedule-document.ts';

export interface PauseScheduleRequest {
  scheduleId: string;
  /** Only a schedule of this tenant is changed; any tenant's when absent (operators). */
  tenantId?: string | undefined;
  paused: boolean;
  /** When the change happens (recorded as pausedAt / resumedAt). */
  at: Date;
}

export type PauseScheduleOutcome = 'changed' | 'unchanged' | 'not-found';

export async function setSchedulePaused(
  store: Store,
  request: PauseScheduleRequest,
): Promise<PauseScheduleOutcome> {
  const schedules = store.db.collection<{ _id: string }>(schedulesCollection);
  const scope = {
    _id: request.scheduleId,
    ...(request.tenantId === undefined ? {} : { tenantId: request.tenantId }),
  };
  // Conditional on the current state: resuming a running schedule must not move its resumedAt,
  // which would drop the fire times since its last tick.
  const changed = await schedules.updateOne(
    { ...scope, paused: request.paused ? { $ne: true } : true },
    {
      $set: request.paused
        ? { paused: true, pausedAt: request.at }
        : { paused: false, resumedAt: request.at },
    },
  );
  if (changed.matchedCount > 0) return 'changed';
  return (await schedules.countDocuments(scope, { limit: 1 })) > 0 ? 'unchanged' : 'not-found';
}
