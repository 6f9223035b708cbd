// The scheduler rows' schedule: one firing every second, made through the gateway's API, its runs as
// stored in `schedule_runs`, and its removal (its fired runs stay, for the ledger).
import { z } from 'zod';
import { api, type Stack } from '../../e2e/stack.ts';

export interface ScheduledRun {
  /** The run id, `<scheduleId>:<fire time>`: also its job's id and its message id. */
  _id: string;
  scheduleId: string;
  fireTime: Date;
  status: string;
}

export interface PerSecondSchedule {
  readonly id: string;
  /** Its runs as stored, by fire time. */
  runs(): Promise<ScheduledRun[]>;
  /** Deletes the schedule: it fires no more. */
  remove(): Promise<void>;
}

export interface PerSecondScheduleOptions {
  /** Made unique with the time. */
  name: string;
  job: { type: string; payload: Record<string, unknown> };
  overlap: 'allow' | 'skip';
}

const created = z.object({ id: z.string() });

export async function createPerSecondSchedule(
  stack: Stack,
  options: PerSecondScheduleOptions,
): Promise<PerSecondSchedule> {
  const response = await api(stack, 'POST', '/v1/schedules', {
    name: `${options.name}-${String(Date.now())}`,
    cron: '* * * * * *',
    timeZone: 'UTC',
    job: options.job,
    overlap: options.overlap,
    misfire: 'fire-once',
  });
  if (response.status !== 201)
    throw new Error(`schedule not created: ${String(response.status)} ${JSON.stringify(response.body)}`);
  const { id } = created.parse(response.body);
  const runs = stack.db.collection<ScheduledRun>('schedule_runs');
  return {
    id,
    runs: () => runs.find({ scheduleId: id }).sort({ fireTime: 1 }).toArray(),
    async remove() {
      await api(stack, 'DELETE', `/v1/schedules/${id}`);
    },
  };
}
