// Which fire times of one schedule are due now, given when it last fired and its misfire policy.
// Fire times within the grace period are on time (a slow tick, a short failover); older ones were
// missed (downtime), and the misfire policy decides: `fire-once` fires the latest missed one as a
// single catch-up run, `skip` fires none of them.
import {
  latestOccurrenceAtOrBefore,
  occurrencesBetween,
  type CronSpec,
  type MisfirePolicy,
} from '@conveyor/schedules';

export interface FirePlanInput {
  readonly spec: CronSpec;
  readonly misfire: MisfirePolicy;
  /** The last fire time handled (fired or skipped), or when the schedule began. */
  readonly after: Date;
  /** Server time. */
  readonly now: Date;
  readonly graceMs: number;
  /** Bounds the on-time fire times returned by one plan (a huge grace with a per-second cron). */
  readonly maxOnTime: number;
}

export interface FirePlan {
  /** The single catch-up run for a missed window (`fire-once`), fired before the on-time ones. */
  readonly catchUp: Date | undefined;
  /** True when fire times were missed (fired as `catchUp`, or dropped by `skip`). */
  readonly missed: boolean;
  /** Fire times after this are on time; everything up to it is settled once the plan is carried out. */
  readonly graceStart: Date;
  readonly onTime: readonly Date[];
}

export function planFires(input: FirePlanInput): FirePlan {
  const { spec, after, now } = input;
  const graceStart = new Date(Math.max(after.getTime(), now.getTime() - input.graceMs));
  const onTime = occurrencesBetween(spec, graceStart, now, input.maxOnTime);
  let latestMissed: Date | undefined;
  if (graceStart.getTime() > after.getTime()) {
    const candidate = latestOccurrenceAtOrBefore(spec, graceStart);
    if (candidate.getTime() > after.getTime()) latestMissed = candidate;
  }
  return {
    catchUp: input.misfire === 'fire-once' ? latestMissed : undefined,
    missed: latestMissed !== undefined,
    graceStart,
    onTime,
  };
}
