// Cron expressions are checked with cron-parser, the parser the scheduler fires them with, so that what
// the API accepts is exactly what the scheduler can run. 5 fields, or 6 with seconds first; @daily etc.
import { CronExpressionParser } from 'cron-parser';

/** Why the expression is not valid, or undefined when it is. */
export function cronProblem(expression: string): string | undefined {
  try {
    CronExpressionParser.parse(expression, { tz: 'UTC' });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The first fire time strictly after `after`, in the schedule's time zone. */
export function nextFireTime(expression: string, timeZone: string, after: Date): Date {
  return CronExpressionParser.parse(expression, { tz: timeZone, currentDate: after }).next().toDate();
}
