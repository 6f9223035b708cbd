// After the load and the faults: wait (bounded) until every attempted order has ended, then until the
// system is quiet (no message in a queue or retry tier, no live inbox claim), then read the ledger.
// At the deadline the ledger is read as it is and marked "not quiet after N s": a ledger read while
// something is still in flight may miss a late duplicate, so it is never reported as clean.
import { setTimeout as sleep } from 'node:timers/promises';
import { readLedger, type Ledger, type LedgerQuery } from './ledger.ts';
import { isSettled } from './order-load.ts';
import { waitQuiet, type QuietOutcome, type QuietSources } from './quiet.ts';

const mailPollMs = 200;
/** The quiet wait gets at least this long, even when settling used up the budget. */
const minimumQuietBoundMs = 30_000;

export interface SettledLedger {
  readonly ledger: Ledger;
  readonly quiet: QuietOutcome;
}

export async function settleLedger(
  query: LedgerQuery,
  quietSources: QuietSources,
  timeoutMs: number,
): Promise<SettledLedger> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline && !query.specs.every((spec) => isSettled(query.book, spec))) {
    await sleep(mailPollMs);
  }
  const quiet = await waitQuiet(quietSources, Math.max(minimumQuietBoundMs, deadline - performance.now()));
  return { ledger: await readLedger(query), quiet };
}
