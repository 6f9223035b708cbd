// Cron arithmetic in a time zone (cron-parser), the one place that reads cron expressions: what the API
// accepts, what the scheduler fires and the next fire time every view shows. 5 fields, or 6 with
// seconds first; occurrences are instants, the time zone only decides which wall-clock times match.
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';

export interface CronSpec {
  readonly cron: string;
  readonly timeZone: string;
}

/** The canonical name of `timeZone` ('utc' → 'UTC'), or undefined when it is not an IANA time zone. */
export function canonicalTimeZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    // RangeError is how Intl says "no such time zone".
    return undefined;
  }
}

export const timeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((name) => canonicalTimeZone(name) !== undefined, {
    message: 'must be an IANA time zone, e.g. Europe/Berlin',
  });

/**
 * Why the scheduler could not fire `expression`, or undefined when it can. Parsing is not enough: the
 * first occurrence is computed too, as the scheduler does on every tick.
 */
export function cronProblem(expression: string): string | undefined {
  // cron-parser reads `H` as a hashed value, random on every parse without a seed: a schedule with one
  // would fire at a different time each tick.
  if (expression.split(/\s+/).some((field) => hashedField.test(field)))
    return "'H' (hashed) fields are not supported: name the minute, hour or day";
  try {
    CronExpressionParser.parse(expression, { tz: 'UTC' }).next();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const hashedField = /(?:^|,)H(?:[(/,]|$)/;

export const cronExpression = z
  .string()
  .min(1)
  .max(200)
  .superRefine((expression, context) => {
    const problem = cronProblem(expression);
    if (problem !== undefined)
      context.addIssue({ code: 'custom', message: `not a valid cron expression: ${problem}` });
  });

/** Occurrences strictly after `after` and at or before `upTo`, oldest first, at most `limit`. */
export function occurrencesBetween(spec: CronSpec, after: Date, upTo: Date, limit: number): Date[] {
  const expression = CronExpressionParser.parse(spec.cron, { tz: spec.timeZone, currentDate: after });
  const found: Date[] = [];
  while (found.length < limit) {
    const next = expression.next().toDate();
    if (next.getTime() > upTo.getTime()) break;
    found.push(next);
  }
  return found;
}

/** The latest occurrence at or before `at`. */
export function latestOccurrenceAtOrBefore(spec: CronSpec, at: Date): Date {
  const expression = CronExpressionParser.parse(spec.cron, {
    tz: spec.timeZone,
    currentDate: new Date(at.getTime() + 1),
  });
  return expression.prev().toDate();
}

/**
 * The first fire time strictly after `after`, computed as the scheduler computes the fire times it
 * fires. Null while paused, and null for a cron expression or time zone cron-parser rejects: the
 * scheduler ignores such a schedule (the gateway's copy threw there, and its list answered 500).
 */
export function nextFireTime(schedule: CronSpec & { readonly paused: boolean }, after: Date): Date | null {
  if (schedule.paused) return null;
  try {
    return occurrencesBetween(schedule, after, new Date(8.64e15), 1)[0] ?? null;
  } catch {
    return null;
  }
}
