// What one service process spent a time window on, from its CPU profile: CPU time, self time by
// package (raw, and with Node internals charged to the package that called them), Conveyor functions
// by self and total time, the suspects' shares with their Conveyor callers, and timer callbacks.
import {
  functionLabel,
  IDLE,
  isConveyorFrame,
  isInternalFrame,
  packageOf,
  type CallFrame,
} from './frame-labels.ts';
import { profileSamples, type CpuProfile, type Sample, type TimeWindow } from './profile-samples.ts';
import { SUSPECTS } from './suspects.ts';

export interface Row {
  name: string;
  ms: number;
}

export interface FunctionRow {
  name: string;
  selfMs: number;
  totalMs: number;
}

export interface SuspectRow {
  name: string;
  /** Time in the suspect's own code. */
  selfMs: number;
  /** Plus the Node internals and builtins it called (sockets, Buffer, JSON...). */
  attributedMs: number;
  /** Every sample with the suspect anywhere on the stack (includes what it calls back into). */
  inclusiveMs: number;
  /** The nearest Conveyor function above the suspect's attributed time. */
  callers: Row[];
}

export interface WindowAnalysis {
  /** Sampled time that was not V8's (idle). */
  cpuMs: number;
  packages: Row[];
  attributedPackages: Row[];
  conveyorFunctions: FunctionRow[];
  suspects: SuspectRow[];
  /** Samples under Node's timer dispatch (setTimeout/setInterval callbacks). */
  timersMs: number;
  timerCallers: Row[];
}

export function analyzeWindow(profile: CpuProfile, window: TimeWindow): WindowAnalysis {
  const samples = profileSamples(profile, window).filter((sample) => sample.stack[0]?.functionName !== IDLE);
  const packages = new Tally();
  const attributed = new Tally();
  const self = new Tally();
  const total = new Tally();
  const suspectTallies = SUSPECTS.map(() => ({
    self: 0,
    attributed: 0,
    inclusive: 0,
    callers: new Tally(),
  }));
  let timersUs = 0;
  const timerCallers = new Tally();
  for (const sample of samples) {
    const [leaf] = sample.stack;
    if (leaf === undefined) continue;
    const us = sample.weightUs;
    const leafPackage = packageOf(leaf);
    const owner = ownerPackage(sample.stack);
    packages.add(leafPackage, us);
    attributed.add(owner, us);
    if (isConveyorFrame(leaf)) self.add(functionLabel(leaf), us);
    for (const label of new Set(sample.stack.filter(isConveyorFrame).map(functionLabel)))
      total.add(label, us);
    const stackPackages = new Set(sample.stack.map(packageOf));
    for (const [index, suspect] of SUSPECTS.entries()) {
      const tally = suspectTallies[index];
      if (tally === undefined) continue;
      if (suspect.has(leafPackage)) tally.self += us;
      if (suspect.has(owner)) {
        tally.attributed += us;
        tally.callers.add(nearestConveyor(sample.stack), us);
      }
      if ([...stackPackages].some((pkg) => suspect.has(pkg))) tally.inclusive += us;
    }
    if (sample.stack.some(isTimerDispatch)) {
      timersUs += us;
      timerCallers.add(nearestConveyor(sample.stack), us);
    }
  }
  return {
    cpuMs: sum(samples) / 1000,
    packages: packages.rows(),
    attributedPackages: attributed.rows(),
    conveyorFunctions: total
      .rows()
      .map((row) => ({ name: row.name, selfMs: self.ms(row.name), totalMs: row.ms })),
    suspects: SUSPECTS.map((suspect, index) => {
      const tally = suspectTallies[index];
      return {
        name: suspect.name,
        selfMs: (tally?.self ?? 0) / 1000,
        attributedMs: (tally?.attributed ?? 0) / 1000,
        inclusiveMs: (tally?.inclusive ?? 0) / 1000,
        callers: tally?.callers.rows() ?? [],
      };
    }),
    timersMs: timersUs / 1000,
    timerCallers: timerCallers.rows(),
  };
}

/** The package of the innermost frame that is not Node's or V8's own: who asked for the work. */
function ownerPackage(stack: readonly CallFrame[]): string {
  const owner = stack.find((frame) => !isInternalFrame(frame)) ?? stack[0];
  return owner === undefined ? '(none)' : packageOf(owner);
}

function nearestConveyor(stack: readonly CallFrame[]): string {
  const frame = stack.find(isConveyorFrame);
  return frame === undefined ? '(no Conveyor frame)' : functionLabel(frame);
}

function isTimerDispatch(frame: CallFrame): boolean {
  return (
    frame.url === 'node:internal/timers' &&
    (frame.functionName === 'processTimers' || frame.functionName === 'listOnTimeout')
  );
}

function sum(samples: readonly Sample[]): number {
  return samples.reduce((acc, sample) => acc + sample.weightUs, 0);
}

class Tally {
  private readonly times = new Map<string, number>();

  add(key: string, us: number): void {
    this.times.set(key, (this.times.get(key) ?? 0) + us);
  }

  ms(key: string): number {
    return (this.times.get(key) ?? 0) / 1000;
  }

  /** Largest first, in milliseconds. */
  rows(): Row[] {
    return [...this.times].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms);
  }
}
