// The fault suite as specifications, on one fault stack (private RabbitMQ, NATS and FerretDB; three
// workers, two schedulers): the quick version (the default: a few scenarios, small) runs them all on
// one stack; FAULTS_SCALE=full runs every scenario at full size, each on a fresh stack on the same
// servers, and FAULTS_RESULTS=<file> writes the table. FAULTS_ONLY=<name> runs one scenario. The
// ledger's self-tests run first, on the same private servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultPlan, faultScale, onlyScenario } from './fault-plan.ts';
import { startFaultStack, type FaultStack } from './harness/fault-stack.ts';
import { mailBook, type MailBook } from './harness/mail-book.ts';
import { resultsTable, writeResults } from './harness/results-table.ts';
import { ScenarioStalledError, stalledResult, type ScenarioResult } from './harness/scenario-run.ts';
import { ledgerSelfTests } from './ledger-self-tests.ts';

const scale = faultScale();
const only = onlyScenario();
const results: ScenarioResult[] = [];
const startedAt = new Date();

describe(`fault injection (${scale})`, () => {
  let faults: FaultStack;
  let book: MailBook;
  // On a fresh clone the first start builds the FerretDB test server (Go) before anything else.
  beforeAll(async () => {
    faults = await startFaultStack();
    book = mailBook(faults.stack.smtp);
  }, 25 * 60_000);
  afterAll(async () => {
    await faults.stop();
    process.stdout.write(`\n${resultsTable(results)}\n`);
    const file = process.env.FAULTS_RESULTS;
    if (file !== undefined && file !== '')
      await writeResults(file, {
        scale,
        startedAt,
        seconds: (Date.now() - startedAt.getTime()) / 1000,
        results,
      });
  }, 180_000);

  ledgerSelfTests(() => faults);

  let scenariosRun = 0;
  for (const scenario of faultPlan(scale).filter((planned) => only === undefined || planned.name === only)) {
    it(
      scenario.spec,
      async () => {
        // Full size: every scenario on a fresh stack, so that none runs on a database another has filled;
        // a scenario that wants another kind of stack (quorum queues) always gets a fresh one.
        if ((scale === 'full' && scenariosRun > 0) || scenario.stack !== undefined) {
          await faults.fresh(scenario.stack);
          book = mailBook(faults.stack.smtp);
        }
        scenariosRun += 1;
        const result = await scenario.run(faults, book).catch((error: unknown) => {
          // A stalled scenario still gets its row, saying so, before the test fails on the error.
          if (error instanceof ScenarioStalledError) results.push(stalledResult(error.stall));
          throw error;
        });
        results.push(result);
        expect(result.lostDetails, `lost ${String(result.lost)} of ${String(result.attempted)}`).toEqual([]);
        expect(result.notQuiet, 'the ledger was read while the system was still busy').toBeUndefined();
        expect(result.lost).toBe(0);
        expect(result.duplicateEffects).toBe(0);
        expect(
          result.resends,
          'resends only where the notifier was killed, at most the e-mails in flight per kill',
        ).toBeLessThanOrEqual(result.resendsAllowed);
        expect(result.problems).toEqual([]);
        expect(result.recoveryMs).not.toContain(undefined);
      },
      scenario.timeoutMs,
    );
  }
});
