// One e2e stack (2 fulfilment workers) through a burst, a quiet tail and an idle spell, optionally with
// every service process under `--cpu-prof`: the windows' monotonic times and each process's /proc CPU.
import { setTimeout as sleep } from 'node:timers/promises';
import { startStack } from '../../e2e/stack.ts';
import { serverUrls } from '../../support/index.ts';
import { processCpuSeconds } from '../harness/cpu-meter.ts';
import { withinDeadline } from '../harness/deadline.ts';
import { readStackLeftovers, removeStackLeftovers } from '../harness/stack-leftovers.ts';
import { runBurst, type BurstOutcome } from './burst.ts';
import { commandCounts, commandsBetween } from './ferretdb-commands.ts';
import type { TimeWindow } from './profile-samples.ts';
import { waitQuiet } from './wait-quiet.ts';

export interface StackBurstOptions {
  orders: number;
  concurrency: number;
  idleSeconds: number;
  /** Where the processes write their profiles; none: run unprofiled (a baseline). */
  profileDir?: string;
  progress: (line: string) => void;
}

export interface StackBurst {
  /** Service process name by pid. */
  names: Map<number, string>;
  outcome: BurstOutcome;
  /** First submission → every order terminal. */
  terminalSeconds: number;
  /** First submission → the processes quiet again. */
  burst: TimeWindow;
  idle: TimeWindow;
  /** CPU ms from /proc per process name over the windows. */
  procBurstMs: Map<string, number>;
  procIdleMs: Map<string, number>;
  /**
   * Commands the MongoDB-wire server answered during the burst, by name, when it counts them (FerretDB);
   * every client's, this script's completion polls included: a private server keeps it to this run.
   */
  commands: Map<string, number> | undefined;
}

/** Profile timestamps are microseconds of the monotonic clock process.hrtime reads. */
export const nowUs = () => Number(process.hrtime.bigint() / 1000n);

export async function stackBurst(options: StackBurstOptions): Promise<StackBurst> {
  const { orders, concurrency, profileDir, progress } = options;
  // Through NODE_OPTIONS the stack needs no change: every service process (and worker thread) writes
  // its profile into one directory when it exits, named with its pid.
  const commonEnv: Record<string, string> =
    profileDir === undefined
      ? {}
      : { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --cpu-prof --cpu-prof-dir=${profileDir}`.trim() };
  const stack = await startStack({ fulfilmentWorkers: 2, commonEnv });
  const names = new Map(
    stack.services.flatMap((service) =>
      service.child.pid === undefined ? [] : [[service.child.pid, service.name] as const],
    ),
  );
  const leftovers = await readStackLeftovers([...names.keys()]);
  const cpu = async () => {
    const seconds = new Map<string, number>();
    for (const [pid, name] of names) seconds.set(name, await processCpuSeconds(pid));
    return seconds;
  };
  try {
    progress(`stack ready${profileDir === undefined ? ' (unprofiled)' : `, profiles in ${profileDir}`}`);
    const commandsAtStart = await commandCounts(stack.db);
    const atStart = await cpu();
    const burstStart = nowUs();
    const outcome = await withinDeadline(
      runBurst(stack, orders, concurrency),
      600_000,
      `${orders} orders finished`,
    );
    const terminalSeconds = (nowUs() - burstStart) / 1e6;
    progress(`${outcome.completed}/${outcome.accepted} completed; waiting for the tail to go quiet`);
    await waitQuiet([...names.keys()]);
    const burstEnd = nowUs();
    const atBurstEnd = await cpu();
    const commands = commandsBetween(commandsAtStart, await commandCounts(stack.db));
    progress(
      `quiet after ${((burstEnd - burstStart) / 1e6).toFixed(1)} s; idle for ${options.idleSeconds} s`,
    );
    await sleep(options.idleSeconds * 1000);
    const idleEnd = nowUs();
    const atIdleEnd = await cpu();
    return {
      names,
      outcome,
      terminalSeconds,
      burst: { fromUs: burstStart, toUs: burstEnd },
      idle: { fromUs: burstEnd, toUs: idleEnd },
      procBurstMs: difference(atStart, atBurstEnd),
      procIdleMs: difference(atBurstEnd, atIdleEnd),
      commands,
    };
  } finally {
    // SIGTERM: each service stops cleanly and Node writes its profile on the way out.
    await stack.stop();
    await removeStackLeftovers(leftovers, serverUrls());
  }
}

function difference(from: Map<string, number>, to: Map<string, number>): Map<string, number> {
  return new Map([...to].map(([name, seconds]) => [name, (seconds - (from.get(name) ?? seconds)) * 1000]));
}
