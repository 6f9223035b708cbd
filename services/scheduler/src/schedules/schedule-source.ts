// Where the leader reads its schedules on every tick: those given in config (and the built-in ones),
// plus the `schedules` collection. A stored schedule that does not validate is reported once and
// left alone; config wins over a stored schedule with the same id.
import {
  scheduleDocument,
  scheduleFromDocument,
  schedulesCollection,
  type Schedule,
} from '@conveyor/schedules';
import type { Store } from '@conveyor/store';
import type { Document } from 'mongodb';
import type { Logger } from 'pino';

export interface ScheduleSource {
  /** Every schedule that is not paused. */
  active(): Promise<Schedule[]>;
}

export function createScheduleSource(options: {
  store: Store;
  fixed: readonly Schedule[];
  logger: Logger;
}): ScheduleSource {
  const { store, fixed, logger } = options;
  const fixedIds = new Set(fixed.map((schedule) => schedule.id));
  const activeFixed = fixed.filter((schedule) => !schedule.paused);
  /** The problem last reported per stored schedule id, so each is logged once, not every tick. */
  const reported = new Map<string, string>();

  function reportOnce(id: string, problem: string, detail: Record<string, unknown>): void {
    if (reported.get(id) === problem) return;
    reported.set(id, problem);
    logger.warn({ scheduleId: id, ...detail }, problem);
  }

  function fromStored(document: Document): Schedule | undefined {
    const id = String(document._id);
    const parsed = scheduleDocument.safeParse(document);
    if (!parsed.success) {
      reportOnce(id, 'stored schedule is invalid; ignored', { issues: parsed.error.issues });
      return undefined;
    }
    if (fixedIds.has(parsed.data._id)) {
      reportOnce(id, 'stored schedule has the id of a config schedule; ignored', {});
      return undefined;
    }
    reported.delete(id);
    return scheduleFromDocument(parsed.data);
  }

  return {
    async active() {
      const stored = await store.db
        .collection(schedulesCollection)
        .find({ paused: { $ne: true } })
        .toArray();
      const fromDatabase = stored.map(fromStored).filter((schedule) => schedule !== undefined);
      return [...activeFixed, ...fromDatabase];
    },
  };
}
