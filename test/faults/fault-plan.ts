// Which scenarios run, at what size: `quick` (the default, part of `npm test`: a few hundred orders,
// one fault of each kind, a few minutes) or `full` (FAULTS_SCALE=full, `npm run test:faults`: the
// sizes of RESULTS.md). Each entry reads as the specification it checks.
import type { FaultStack, StackVariant } from './harness/fault-stack.ts';
import type { MailBook } from './harness/mail-book.ts';
import type { Budget, ScenarioResult } from './harness/scenario-run.ts';
import { baseline } from './scenarios/baseline.ts';
import { brokerRestart } from './scenarios/broker-restart.ts';
import { connectionDrops } from './scenarios/connection-drops.ts';
import { databaseOutage } from './scenarios/database-outage.ts';
import { databasePause } from './scenarios/database-pause.ts';
import { deadlineOverruns } from './scenarios/deadline-overruns.ts';
import { duplicatePublishes } from './scenarios/duplicate-publishes.ts';
import { garbageInput } from './scenarios/garbage-input.ts';
import { gatewayCrash } from './scenarios/gateway-crash.ts';
import { longScheduleRuns } from './scenarios/long-schedule-runs.ts';
import { memoryAlarm } from './scenarios/memory-alarm.ts';
import { natsOutage } from './scenarios/nats-outage.ts';
import { notifierKills } from './scenarios/notifier-kills.ts';
import { poisonOrders } from './scenarios/poison-orders.ts';
import { schedulerFailover } from './scenarios/scheduler-failover.ts';
import { workerKills } from './scenarios/worker-kills.ts';

export type FaultScale = 'quick' | 'full';

export interface PlannedScenario {
  /** The scenario's file name in scenarios/, e.g. `worker-kills` (FAULTS_ONLY selects by it). */
  readonly name: string;
  /** The test's name: what must hold. */
  readonly spec: string;
  readonly timeoutMs: number;
  /** A stack unlike the default one (started fresh for this scenario). */
  readonly stack?: StackVariant;
  run(faults: FaultStack, book: MailBook): Promise<ScenarioResult>;
}

/** FAULTS_ONLY=<name>: only that scenario (see PlannedScenario.name); unset or empty: all. */
export function onlyScenario(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const only = env.FAULTS_ONLY;
  return only === undefined || only === '' ? undefined : only;
}

export function faultScale(env: NodeJS.ProcessEnv = process.env): FaultScale {
  return env.FAULTS_SCALE === 'full' ? 'full' : 'quick';
}

const minutes = (count: number) => count * 60_000;

/**
 * How long the database-outage row keeps the database away: 3 minutes, the row's setting;
 * FAULTS_DATABASE_DOWN_MS=<ms> shortens it to look into that row faster (its title says how long).
 */
export function databaseDownMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.FAULTS_DATABASE_DOWN_MS;
  if (value === undefined || value === '') return minutes(3);
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms <= 0)
    throw new Error(`FAULTS_DATABASE_DOWN_MS must be a positive integer, got ${value}`);
  return ms;
}

/**
 * Full size places at most this many orders per second: the rows' sizes assume about this rate (the
 * worker row's 40 kills every 12 s span its 5,000 orders), so a faster machine does not end a row's
 * load, and its faults, early.
 */
export const fullScaleOrdersPerSecond = 10;

type Budgeted = (
  name: string,
  spec: string,
  loadMinutes: number,
  settleMinutes: number,
  run: (faults: FaultStack, book: MailBook, budget: Budget) => Promise<ScenarioResult>,
  stack?: StackVariant,
) => PlannedScenario;

/** Placing for `loadMinutes` at most, then waiting `settleMinutes` at most; the test allows both and a margin. */
const budgetedAt =
  (maxOrdersPerSecond: number | undefined): Budgeted =>
  (name, spec, loadMinutes, settleMinutes, run, stack) => {
    const budget: Budget = {
      loadMs: minutes(loadMinutes),
      settleMs: minutes(settleMinutes),
      maxOrdersPerSecond,
    };
    return {
      name,
      spec,
      ...(stack === undefined ? {} : { stack }),
      timeoutMs: budget.loadMs + budget.settleMs + minutes(3),
      run: (faults, book) => run(faults, book, budget),
    };
  };

export function faultPlan(scale: FaultScale): PlannedScenario[] {
  const full = scale === 'full';
  const budgeted = budgetedAt(full ? fullScaleOrdersPerSecond : undefined);
  // Quick: two minutes to place, two to settle, whatever the scenario. Full: placed at 10 orders/s at most.
  const load = (fullMinutes: number) => (full ? fullMinutes : 2);
  const settle = full ? 5 : 2;
  const quickPlan: PlannedScenario[] = [
    budgeted(
      'worker-kills',
      'completes every order once while fulfilment workers are killed with SIGKILL',
      load(40),
      settle,
      (faults, book, budget) =>
        workerKills(
          faults,
          book,
          full ? { orders: 5_000, kills: 40, everyMs: 12_000 } : { orders: 100, kills: 1, everyMs: 4_000 },
          budget,
        ),
    ),
    budgeted(
      'notifier-kills',
      'loses no e-mail when the notifier is killed, and resends only what a kill cut off, with the same Message-ID',
      load(15),
      settle,
      (faults, book, budget) =>
        notifierKills(
          faults,
          book,
          full ? { orders: 800, kills: 6, everyMs: 7_000 } : { orders: 60, kills: 1, everyMs: 1_000 },
          budget,
        ),
    ),
    budgeted(
      'broker-restart',
      'loses no accepted order across a RabbitMQ restart, and every /readyz goes false then true',
      load(15),
      settle,
      (faults, book, budget) =>
        brokerRestart(
          faults,
          book,
          full
            ? { orders: 800, restarts: 2, everyMs: 15_000, downMs: 5_000 }
            : { orders: 60, restarts: 1, everyMs: 3_000, downMs: 3_000 },
          budget,
        ),
    ),
    budgeted(
      'duplicate-publishes',
      'completes every order once when the publisher of 10 % of messages sends them twice',
      load(15),
      settle,
      (faults, book, budget) => duplicatePublishes(faults, book, { orders: full ? 600 : 60 }, budget),
    ),
    budgeted(
      'poison-orders',
      'dead-letters poison and crashing orders with their reasons and completes all the others',
      load(15),
      settle,
      (faults, book, budget) =>
        poisonOrders(
          faults,
          book,
          full ? { orders: 1_000, poison: 10, crash: 2 } : { orders: 60, poison: 1, crash: 1 },
          budget,
        ),
    ),
    budgeted(
      'gateway-crash',
      'publishes an order stored by a gateway that died before publishing it, and completes it once',
      load(15),
      settle,
      (faults, book, budget) =>
        gatewayCrash(
          faults,
          book,
          full ? { orders: 800, crashes: 8, everyMs: 3_000 } : { orders: 40, crashes: 1, everyMs: 2_000 },
          budget,
        ),
    ),
    budgeted(
      'deadline-overruns',
      'records each step once when its handler overruns the deadline and the retry runs while it still works',
      load(15),
      settle,
      (faults, book, budget) =>
        deadlineOverruns(
          faults,
          book,
          full ? { orders: 600, overruns: 30 } : { orders: 40, overruns: 2 },
          budget,
        ),
    ),
    budgeted(
      'long-schedule-runs',
      'runs each fired run of a schedule longer than its period once, never two at a time, across leader kills mid-run',
      load(5),
      settle,
      (faults) => longScheduleRuns(faults, full ? { jobMs: 4_000, kills: 6 } : { jobMs: 3_000, kills: 1 }),
    ),
  ];
  if (!full) return quickPlan;
  return [
    budgeted(
      'baseline',
      'completes every order once without faults (the baseline the other rows compare with)',
      load(15),
      settle,
      // Unpaced: the baseline is the reference throughput.
      (faults, book, budget) =>
        baseline(faults, book, { orders: 300 }, { ...budget, maxOrdersPerSecond: undefined }),
    ),
    ...quickPlan,
    budgeted(
      'connection-drops',
      'recovers every order when every broker connection is closed again and again',
      load(15),
      settle,
      (faults, book, budget) =>
        connectionDrops(faults, book, { orders: 600, drops: 15, everyMs: 2_500 }, budget),
    ),
    budgeted(
      'database-pause',
      'loses nothing and dead-letters nothing while the database is frozen for 20 s',
      load(15),
      settle,
      (faults, book, budget) =>
        databasePause(faults, book, { orders: 400, pauses: 1, everyMs: 10_000, pauseMs: 20_000 }, budget),
    ),
    budgeted(
      'nats-outage',
      'completes orders while NATS is down, and every SSE follower sees its order through',
      load(15),
      settle,
      (faults, book, budget) =>
        natsOutage(faults, book, { orders: 400, followers: 20, downMs: 15_000 }, budget),
    ),
    budgeted(
      'garbage-input',
      'answers bad bodies with a 4xx naming the problem and dead-letters bad messages, harming no consumer',
      load(15),
      settle,
      (faults, book, budget) => garbageInput(faults, book, { orders: 200 }, budget),
    ),
    budgeted(
      'scheduler-failover',
      'fires each due second once and never early across leader kills, one scheduler clock minutes ahead',
      load(5),
      settle,
      (faults) => schedulerFailover(faults, { phaseMs: 15_000, kills: 4 }),
    ),
    budgeted(
      'database-outage',
      'loses nothing and dead-letters nothing while the database is unreachable for 3 minutes, on quorum queues',
      load(15),
      8,
      (faults, book, budget) =>
        databaseOutage(faults, book, { orders: 600, afterMs: 15_000, downMs: databaseDownMs() }, budget),
      { queueType: 'quorum' },
    ),
    budgeted(
      'memory-alarm',
      'loses nothing when a broker memory alarm blocks the publishers and every connection is then dropped',
      load(15),
      settle,
      (faults, book, budget) =>
        memoryAlarm(faults, book, { orders: 600, alarms: 2, everyMs: 15_000, alarmMs: 8_000 }, budget),
    ),
  ];
}
