// Which scenarios run, at what size: `quick` (the default, part of `npm test`: a few hundred orders,
// one fault of each kind, a few minutes) or `full` (FAULTS_SCALE=full, `npm run test:faults`: the
// sizes of RESULTS.md). Each entry reads as the specification it checks.
import type { FaultStack } from './harness/fault-stack.ts';
import type { MailBook } from './harness/mail-book.ts';
import type { Budget, ScenarioResult } from './harness/scenario-run.ts';
import { baseline } from './scenarios/baseline.ts';
import { brokerRestart } from './scenarios/broker-restart.ts';
import { connectionDrops } from './scenarios/connection-drops.ts';
import { databasePause } from './scenarios/database-pause.ts';
import { duplicatePublishes } from './scenarios/duplicate-publishes.ts';
import { garbageInput } from './scenarios/garbage-input.ts';
import { gatewayCrash } from './scenarios/gateway-crash.ts';
import { natsOutage } from './scenarios/nats-outage.ts';
import { notifierKills } from './scenarios/notifier-kills.ts';
import { poisonOrders } from './scenarios/poison-orders.ts';
import { schedulerFailover } from './scenarios/scheduler-failover.ts';
import { workerKills } from './scenarios/worker-kills.ts';

export type FaultScale = 'quick' | 'full';

export interface PlannedScenario {
  /** The test's name: what must hold. */
  readonly spec: string;
  readonly timeoutMs: number;
  run(faults: FaultStack, book: MailBook): Promise<ScenarioResult>;
}

export function faultScale(env: NodeJS.ProcessEnv = process.env): FaultScale {
  return env.FAULTS_SCALE === 'full' ? 'full' : 'quick';
}

const minutes = (count: number) => count * 60_000;

/** Placing for `loadMinutes` at most, then waiting `settleMinutes` at most; the test allows both and a margin. */
function budgeted(
  spec: string,
  loadMinutes: number,
  settleMinutes: number,
  run: (faults: FaultStack, book: MailBook, budget: Budget) => Promise<ScenarioResult>,
): PlannedScenario {
  const budget = { loadMs: minutes(loadMinutes), settleMs: minutes(settleMinutes) };
  return {
    spec,
    timeoutMs: budget.loadMs + budget.settleMs + minutes(3),
    run: (faults, book) => run(faults, book, budget),
  };
}

export function faultPlan(scale: FaultScale): PlannedScenario[] {
  const full = scale === 'full';
  // Quick: two minutes to place, two to settle, whatever the scenario. Full: sized for ~7 orders/s.
  const load = (fullMinutes: number) => (full ? fullMinutes : 2);
  const settle = full ? 5 : 2;
  const quickPlan: PlannedScenario[] = [
    budgeted(
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
      'loses no e-mail when the notifier is killed, and resends at most one per kill, with the same Message-ID',
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
      'completes every order once when the publisher of 10 % of messages sends them twice',
      load(15),
      settle,
      (faults, book, budget) => duplicatePublishes(faults, book, { orders: full ? 600 : 60 }, budget),
    ),
    budgeted(
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
  ];
  if (!full) return quickPlan;
  return [
    budgeted(
      'completes every order once without faults (the baseline the other rows compare with)',
      load(15),
      settle,
      (faults, book, budget) => baseline(faults, book, { orders: 300 }, budget),
    ),
    ...quickPlan,
    budgeted(
      'recovers every order when every broker connection is closed again and again',
      load(15),
      settle,
      (faults, book, budget) =>
        connectionDrops(faults, book, { orders: 600, drops: 15, everyMs: 2_500 }, budget),
    ),
    budgeted(
      'loses nothing and dead-letters nothing while the database is frozen for 20 s',
      load(15),
      settle,
      (faults, book, budget) =>
        databasePause(faults, book, { orders: 400, pauses: 1, everyMs: 10_000, pauseMs: 20_000 }, budget),
    ),
    budgeted(
      'completes orders while NATS is down, and every SSE follower sees its order through',
      load(15),
      settle,
      (faults, book, budget) =>
        natsOutage(faults, book, { orders: 400, followers: 20, downMs: 15_000 }, budget),
    ),
    budgeted(
      'answers bad bodies with a 4xx naming the problem and dead-letters bad messages, harming no consumer',
      load(15),
      settle,
      (faults, book, budget) => garbageInput(faults, book, { orders: 200 }, budget),
    ),
    budgeted(
      'fires each due second once and never early across leader kills, one scheduler clock minutes ahead',
      load(5),
      settle,
      (faults) => schedulerFailover(faults, { phaseMs: 15_000, kills: 4 }),
    ),
  ];
}
