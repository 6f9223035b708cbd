// kill -9 the notifier mid-stream: no e-mail is lost, and an e-mail sent again after a kill (the
// server had accepted it, the process died before recording that) carries the same Message-ID, so
// receivers de-duplicate it. Resends are counted apart from duplicates: at most the e-mails the notifier
// was sending when it died per kill, i.e. its prefetch (it sends that many at once), which finish() checks.
import { faultNotifierPrefetch, type FaultStack } from '../harness/fault-stack.ts';
import type { MailBook } from '../harness/mail-book.ts';
import { orderMix } from '../harness/order-mix.ts';
import { startScenario, type Budget, type ScenarioResult } from '../harness/scenario-run.ts';

export interface NotifierKillsSize {
  orders: number;
  kills: number;
  everyMs: number;
}

export async function notifierKills(
  faults: FaultStack,
  book: MailBook,
  size: NotifierKillsSize,
  budget: Budget,
): Promise<ScenarioResult> {
  const run = startScenario(faults, book, 'notifier-kills', budget);
  const specs = orderMix(run.scenario, size.orders);
  const load = run.load(specs);
  const kills = await run.repeat(load, size.everyMs, size.kills, async () => {
    await faults.process('notifier').kill();
    run.killed();
    run.clock.faultEnded();
  });
  await load;
  const result = await run.finish(`kill -9 the notifier ×${String(kills)}`, specs, {
    faults: kills,
    resendsAllowed: kills * faultNotifierPrefetch,
  });
  return {
    ...result,
    notes: [
      ...result.notes,
      `${String(result.resends)} e-mails resent with the same Message-ID after ${String(kills)} kills`,
      `${String(faults.stack.smtp.connectionErrors.length)} SMTP sessions cut off by the kills`,
    ],
  };
}
