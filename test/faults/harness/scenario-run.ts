// What every scenario does around its own faults: place its orders under load, time each recovery,
// repeat a fault while the load lasts, then settle the ledger once the system is quiet and report one
// row of RESULTS.md: with the resend rule checked (resends only where the notifier was killed, at most
// the e-mails in flight per kill) and, for kill -9 rows, how long the killed process's messages waited.
import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessage } from '@conveyor/contracts';
import type { FaultStack } from './fault-stack.ts';
import { heldMessagesAtKills, type HeldMessagesAtKill } from './held-messages.ts';
import type { MailBook } from './mail-book.ts';
import { isSettled, placeOrders, type LoadOptions, type PlacedOrder } from './order-load.ts';
import type { OrderSpec } from './order-mix.ts';
import { progress } from './progress.ts';
import { recoveryClock, type RecoveryClock } from './recovery-clock.ts';
import { notQuietText, stackQueues } from './quiet.ts';
import { settleLedger } from './settle.ts';

export interface ScenarioResult {
  readonly title: string;
  /** Orders (or scheduled fire times) the scenario attempted. */
  readonly attempted: number;
  readonly completed: number;
  /** Deliberate failures and dead letters that ended the way they must. */
  readonly endedAsExpected: number;
  readonly lost: number;
  readonly duplicateEffects: number;
  /** E-mails received again with the same Message-ID (receivers de-duplicate them). */
  readonly resends: number;
  /** Resends the row may show: one per notifier kill, 0 in every other row. */
  readonly resendsAllowed: number;
  /** "not quiet after N s" when the system never went quiet: the counts are then not a verdict. */
  readonly notQuiet?: string | undefined;
  /** kill -9 rows: per kill, how long each message the killed process held waited to be handled again. */
  readonly heldMessages?: readonly HeldMessagesAtKill[] | undefined;
  readonly deadLettered: Readonly<Record<string, number>>;
  /** Faults injected (kills, restarts, pauses, …). */
  readonly faults: number;
  /** Per fault; undefined where the system had not recovered within the watcher's timeout. */
  readonly recoveryMs: ReadonlyArray<number | undefined>;
  readonly seconds: number;
  /** Facts worth a line in RESULTS.md (resends per kill, readiness seen, throughput, …). */
  readonly notes: readonly string[];
  /** What the scenario found wrong beyond lost and duplicate effects; empty when it passed. */
  readonly problems: readonly string[];
  /** Why each lost order (or fire time) counts as lost, the first few. */
  readonly lostDetails: readonly string[];
}

/** How long a scenario may place orders, and then wait for them to end, before it reports what it has. */
export interface Budget {
  readonly loadMs: number;
  readonly settleMs: number;
  /**
   * Placing no faster than this: a row then lasts long enough on a fast machine for every fault it
   * repeats while the load lasts (unset: as fast as the system takes them).
   */
  readonly maxOrdersPerSecond?: number | undefined;
}

export interface ScenarioRun {
  readonly faults: FaultStack;
  readonly book: MailBook;
  readonly scenario: string;
  readonly since: Date;
  readonly placed: PlacedOrder[];
  readonly clock: RecoveryClock;
  /** Records a kill -9 that has just taken effect (the process has exited), for heldMessages. */
  killed(): void;
  /** Places the orders (see placeOrders) within the scenario's load budget. */
  load(
    specs: readonly OrderSpec[],
    options?: Omit<LoadOptions, 'deadline' | 'window'> & { window?: number },
  ): Promise<PlacedOrder[]>;
  /**
   * Runs `fault` every `everyMs` (the first after one period) while `until` is pending, `times` at most,
   * and at least once (when the load ended within the first period, on the orders still in flight).
   */
  repeat(
    until: Promise<unknown>,
    everyMs: number,
    times: number,
    fault: () => Promise<void>,
  ): Promise<number>;
  finish(
    title: string,
    specs: readonly OrderSpec[],
    extra: {
      faults: number;
      notes?: string[];
      problems?: string[];
      /** One per notifier kill; 0 (the default) everywhere else. */
      resendsAllowed?: number;
      isScenarioDeadLetter?: (entry: { messageId: string | null; body: string }) => boolean;
    },
  ): Promise<ScenarioResult>;
}

/** What is known of a scenario whose load stopped making progress (placed orders stopped settling). */
export interface Stall {
  readonly scenario: string;
  /** Why the load gave up, on one line. */
  readonly reason: string;
  readonly attempted: number;
  readonly placed: number;
  readonly settled: number;
  readonly seconds: number;
}

/** Thrown by `load()` when the system stopped settling orders: the run still gets its row (stalledResult). */
export class ScenarioStalledError extends Error {
  readonly stall: Stall;

  constructor(stall: Stall, logs: string, options: { cause: unknown }) {
    super(`${stall.scenario}: ${stall.reason}\n${logs}`, options);
    this.name = 'ScenarioStalledError';
    this.stall = stall;
  }
}

/**
 * The row of a scenario that stalled: "stalled" in its lost and duplicate columns (never a count that
 * reads as a verdict), the reason in its problems, and how far the load got in its notes.
 */
export function stalledResult(stall: Stall): ScenarioResult {
  return {
    title: `${stall.scenario} (stalled)`,
    attempted: stall.attempted,
    completed: 0,
    endedAsExpected: 0,
    lost: stall.attempted,
    duplicateEffects: 0,
    resends: 0,
    resendsAllowed: 0,
    notQuiet: 'stalled',
    deadLettered: {},
    faults: 0,
    recoveryMs: [],
    seconds: stall.seconds,
    notes: [
      `stalled after ${String(stall.placed)} of ${String(stall.attempted)} orders placed, ${String(stall.settled)} settled`,
    ],
    problems: [`stalled: ${stall.reason}`],
    lostDetails: [],
  };
}

/** Orders placed but not settled, at most, unless a scenario says otherwise. */
const defaultWindow = 60;

export function startScenario(
  faults: FaultStack,
  book: MailBook,
  scenario: string,
  budget: Budget,
): ScenarioRun {
  const startedAt = performance.now();
  const since = new Date();
  const placed: PlacedOrder[] = [];
  const clock = recoveryClock(faults, book, placed);
  progress(`${scenario}: started`);
  let loadSeconds = 0;
  const kills: number[] = [];
  return {
    faults,
    book,
    scenario,
    since,
    placed,
    clock,
    killed() {
      kills.push(Date.now());
    },
    async load(specs, options) {
      const loadStarted = performance.now();
      const ticker = setInterval(() => {
        const settled = placed.filter((order) => isSettled(book, order.spec)).length;
        progress(
          `${scenario}: ${String(placed.length)}/${String(specs.length)} placed, ${String(settled)} settled`,
        );
      }, 10_000);
      try {
        return await placeOrders(faults.stack, specs, book, {
          ...options,
          window: options?.window ?? defaultWindow,
          maxPerSecond: budget.maxOrdersPerSecond,
          deadline: performance.now() + budget.loadMs,
          placed,
        });
      } catch (error) {
        const database = (await faults.databaseAnswers()) ? 'answers' : 'does NOT answer a ping';
        throw new ScenarioStalledError(
          {
            scenario,
            reason: `${errorMessage(error)}; the MongoDB-wire server ${database}`,
            attempted: specs.length,
            placed: placed.length,
            settled: placed.filter((order) => isSettled(book, order.spec)).length,
            seconds: (performance.now() - startedAt) / 1000,
          },
          faults.stack.logs(),
          { cause: error },
        );
      } finally {
        clearInterval(ticker);
        loadSeconds = (performance.now() - loadStarted) / 1000;
      }
    },
    async repeat(until, everyMs, times, fault) {
      const load = { done: false };
      void until.finally(() => {
        load.done = true;
      });
      let ran = 0;
      while (ran < times) {
        const waitUntil = performance.now() + everyMs;
        while (!load.done && performance.now() < waitUntil) await sleep(Math.min(100, everyMs));
        // A load that is placed before the first period ends still has orders in flight: one fault then.
        if (load.done && ran > 0) break;
        await fault();
        ran += 1;
      }
      return ran;
    },
    async finish(title, specs, extra) {
      progress(
        `${scenario}: load done in ${((performance.now() - startedAt) / 1000).toFixed(1)} s; settling`,
      );
      const { ledger, quiet } = await settleLedger(
        {
          db: faults.stack.db,
          book,
          scenario,
          specs,
          since,
          isScenarioDeadLetter: extra.isScenarioDeadLetter,
        },
        {
          db: faults.stack.db,
          listQueues: () => faults.servers.rabbitmq.listQueues(),
          isWatchedQueue: stackQueues(faults.stack.names.prefix),
        },
        budget.settleMs,
      );
      const notQuiet = notQuietText(quiet);
      const resendsAllowed = extra.resendsAllowed ?? 0;
      progress(
        `${scenario}: ${notQuiet === undefined ? 'quiet' : notQuiet}; ${String(ledger.completed)} completed, ` +
          `${String(ledger.endedAsExpected)} ended as expected, ${String(ledger.lost)} lost, ` +
          `${String(ledger.duplicateEffects)} duplicate effects, ${String(ledger.resends)} resends`,
      );
      return {
        title,
        attempted: ledger.attempted,
        completed: ledger.completed,
        endedAsExpected: ledger.endedAsExpected,
        lost: ledger.lost,
        duplicateEffects: ledger.duplicateEffects,
        resends: ledger.resends,
        resendsAllowed,
        notQuiet,
        heldMessages: kills.length > 0 ? await heldMessagesAtKills(faults.stack.db, kills) : undefined,
        deadLettered: ledger.deadLettered,
        lostDetails: ledger.verdicts
          .filter((verdict) => verdict.verdict === 'lost')
          .slice(0, 10)
          .map(
            (verdict) =>
              `${verdict.spec.customerId} (${verdict.orderId ?? 'no order'}): ${verdict.why.join('; ')}`,
          ),
        faults: extra.faults,
        recoveryMs: await clock.results(),
        seconds: (performance.now() - startedAt) / 1000,
        notes: [
          ...(loadSeconds > 0 ? [`${(specs.length / loadSeconds).toFixed(1)} orders/s placed`] : []),
          ...(extra.notes ?? []),
          ...(ledger.unloggedEffects > 0
            ? [
                `${String(ledger.unloggedEffects)} applied effects with a keyed record but no log entry (the provider died between the two writes), counted once`,
              ]
            : []),
        ],
        problems: [
          ...(extra.problems ?? []),
          ...(notQuiet === undefined || quiet.quiet
            ? []
            : [`${notQuiet}: ${quiet.busy.slice(0, 5).join('; ')}`]),
          ...(ledger.resends > resendsAllowed
            ? [
                `${String(ledger.resends)} e-mails resent with the same Message-ID, ${String(resendsAllowed)} allowed (per notifier kill, the e-mails it was sending: its prefetch)`,
              ]
            : []),
        ],
      };
    },
  };
}
