// After the load and the faults: wait (bounded) until every attempted order has ended, then read the
// ledger. Ends early once nothing is missing; at the deadline the ledger is returned as it is, so the
// scenario reports what was lost rather than a timeout.
import { setTimeout as sleep } from 'node:timers/promises';
import { readLedger, type Ledger, type LedgerQuery } from './ledger.ts';
import { isSettled } from './order-load.ts';

const mailPollMs = 200;
const ledgerPollMs = 2_000;

export async function settleLedger(query: LedgerQuery, timeoutMs: number): Promise<Ledger> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline && !query.specs.every((spec) => isSettled(query.book, spec))) {
    await sleep(mailPollMs);
  }
  for (;;) {
    const ledger = await readLedger(query);
    if (ledger.lost === 0 || performance.now() >= deadline) return ledger;
    await sleep(ledgerPollMs);
  }
}
