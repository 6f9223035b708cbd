// When a schedule's run messages (job.requested.v1, message id `<scheduleId>:<fire time>`) arrived on
// the broker, from a broker tap: the test's own clock, whatever the schedulers' clocks say.
import { waitFor } from '../../support/index.ts';
import type { TappedMessage } from './broker-tap.ts';

/** How long after `since` the first run of the schedule arrived (bounded wait); undefined if none did. */
export async function firstRunArrivalAfter(
  messages: readonly TappedMessage[],
  scheduleId: string,
  since: number,
  timeoutMs = 30_000,
): Promise<number | undefined> {
  const arrival = await waitFor(
    () =>
      messages.find(
        (message) => message.messageId?.startsWith(`${scheduleId}:`) === true && message.at > since,
      )?.at,
    { what: 'a run of the schedule fired', timeoutMs, intervalMs: 100 },
  ).catch(() => undefined);
  return arrival === undefined ? undefined : arrival - since;
}

/** Arrival times of each run message of the schedule, by run id (= message id). */
export function arrivalsByRun(messages: readonly TappedMessage[], scheduleId: string): Map<string, number[]> {
  const byRun = new Map<string, number[]>();
  for (const message of messages) {
    if (message.messageId?.startsWith(`${scheduleId}:`) !== true) continue;
    byRun.set(message.messageId, [...(byRun.get(message.messageId) ?? []), message.at]);
  }
  return byRun;
}
