// Cron arithmetic in a time zone (cron-parser): 5 fields, or 6 with seconds first. Occurrences are
// instants; the time zone only decides which wall-clock times match.
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';

export interface CronSpec {
  readonly cron: string;
  readonly timeZone: string;
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const timeZone = z
  .string()
  .min(1)
  .refine(isTimeZone, { message: 'must be an IANA time zone, e.g. Europe/Berlin' });

export function isCronExpression(expression: string): boolean {
  try {
    CronExpressionParser.parse(expression, { tz: 'UTC' }).next();
    return true;
  } catch {
    return false;
  }
}

export const cronExpression = z
  .string()
  .min(1)
  .max(128)
  .refine(isCronExpression, { message: 'must be a cron expression (5 fields, or 6 with seconds first)' });

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
