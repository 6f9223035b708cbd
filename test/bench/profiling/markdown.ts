// Renders the pipeline profile (profile-pipeline.ts) as markdown: an overview, the suspects per
// service, then per service process its burst tables and its idle window.
import type { SelfTime } from '../profile-summary.ts';
import type { Row, WindowAnalysis } from './window-analysis.ts';

export interface ProcessReport {
  name: string;
  burst: WindowAnalysis;
  /** Top functions by self time over the burst, from profile-summary. */
  burstFunctions: readonly SelfTime[];
  idle: WindowAnalysis;
  /** CPU time from /proc over the same windows, to check the sampled figures against. */
  procBurstMs: number | undefined;
  procIdleMs: number | undefined;
  /** /proc CPU of the same process in an unprofiled run of the same burst, when there was one. */
  baselineBurstMs?: number | undefined;
  baselineIdleMs?: number | undefined;
}

export interface RunFacts {
  startedAt: Date;
  orders: number;
  concurrency: number;
  accepted: number;
  completed: number;
  burstSeconds: number;
  idleSeconds: number;
  /** MongoDB commands answered during the burst, by name (FerretDB's counters). */
  commands: ReadonlyMap<string, number> | undefined;
  notes: readonly string[];
}

const TOP = 15;

export function renderReport(run: RunFacts, processes: readonly ProcessReport[]): string {
  // Sampled time is busy wall time: on a loaded machine a process waiting for a core is still sampled
  // where it stands. Shares come from the samples; amounts are scaled to the /proc CPU time.
  const perOrder = (process: ProcessReport) => (sampledMs: number) =>
    (sampledMs * scale(process.baselineBurstMs ?? process.procBurstMs, process.burst.cpuMs)) /
    Math.max(1, run.accepted);
  const perSecond = (process: ProcessReport) => (sampledMs: number) =>
    (sampledMs * scale(process.baselineIdleMs ?? process.procIdleMs, process.idle.cpuMs)) / run.idleSeconds;
  const lines = [
    '# Order pipeline: CPU profiles per service',
    '',
    `${run.startedAt.toISOString()}: burst of ${run.orders} orders (${run.concurrency} in flight), ` +
      `${run.accepted} accepted, ${run.completed} completed in ${run.burstSeconds.toFixed(1)} s; ` +
      `idle window ${run.idleSeconds.toFixed(1)} s after the last completion.`,
    '',
    ...run.notes.map((note) => `- ${note}`),
    '',
    '## Overview (burst)',
    '',
    '| process | busy ms (sampled) | CPU ms (/proc, profiled) | CPU ms (/proc, unprofiled) | CPU ms/order | idle CPU ms/s | top package (attributed) | top Conveyor function (self) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...processes.map((process) => {
      const topPackage = process.burst.attributedPackages[0];
      const topFunction = [...process.burst.conveyorFunctions].sort((a, b) => b.selfMs - a.selfMs)[0];
      return (
        `| ${process.name} | ${ms(process.burst.cpuMs)} | ${ms(process.procBurstMs)} | ${ms(process.baselineBurstMs)} | ` +
        `${fixed(perOrder(process)(process.burst.cpuMs))} | ${fixed(perSecond(process)(process.idle.cpuMs))} | ` +
        `${topPackage === undefined ? '' : `${code(topPackage.name)} ${pct(topPackage.ms, process.burst.cpuMs)}`} | ` +
        `${topFunction === undefined ? '' : `${code(topFunction.name)} ${pct(topFunction.selfMs, process.burst.cpuMs)}`} |`
      );
    }),
    '',
    '## Suspects (burst): CPU ms per order, attributed (own code + the Node internals it called), and % of the process',
    '',
    `| suspect | ${processes.map((process) => process.name).join(' | ')} |`,
    `| --- | ${processes.map(() => '---:').join(' | ')} |`,
    ...(processes[0]?.burst.suspects ?? []).map(
      (suspect, index) =>
        `| ${suspect.name} | ${processes
          .map((process) => {
            const row = process.burst.suspects[index];
            return row === undefined
              ? ''
              : `${fixed(perOrder(process)(row.attributedMs))} (${pct(row.attributedMs, process.burst.cpuMs)})`;
          })
          .join(' | ')} |`,
    ),
    `| idle: timer dispatch (callback timers), ms/s | ${processes.map((process) => fixed(perSecond(process)(process.idle.timersMs))).join(' | ')} |`,
    `| idle: all CPU, ms/s | ${processes.map((process) => fixed(perSecond(process)(process.idle.cpuMs))).join(' | ')} |`,
    '',
    ...roundTrips(run, processes, perOrder),
    ...processes.flatMap((process) =>
      processSection(process, perOrder(process), perSecond(process), run.idleSeconds),
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** The driver's CPU time over the commands the server answered: its cost per round trip. */
function roundTrips(
  run: RunFacts,
  processes: readonly ProcessReport[],
  perOrder: (process: ProcessReport) => (sampledMs: number) => number,
): string[] {
  if (run.commands === undefined) return [];
  const trips = [...run.commands.values()].reduce((a, b) => a + b, 0);
  const orders = Math.max(1, run.accepted);
  const driverMsPerOrder = processes.reduce((acc, process) => {
    const driver = process.burst.suspects.find((row) => row.name === 'MongoDB driver');
    return acc + (driver === undefined ? 0 : perOrder(process)(driver.attributedMs));
  }, 0);
  return [
    '## MongoDB round trips (burst, server counters)',
    '',
    `${trips} commands, ${fixed(trips / orders, 1)} per order (this script's completion polls included); ` +
      `the driver's CPU over all services, ${fixed(driverMsPerOrder)} ms per order, is ` +
      `${fixed((driverMsPerOrder * orders * 1000) / Math.max(1, trips), 0)} µs per command.`,
    '',
    '| command | count | per order |',
    '| --- | ---: | ---: |',
    ...[...run.commands].map(([name, count]) => `| ${name} | ${count} | ${fixed(count / orders, 1)} |`),
    '',
  ];
}

function processSection(
  process: ProcessReport,
  perOrder: (ms: number) => number,
  perSecond: (ms: number) => number,
  idleSeconds: number,
): string[] {
  const { burst, idle } = process;
  const attributed = new Map(burst.attributedPackages.map((row) => [row.name, row.ms]));
  const packageNames = [
    ...new Set(
      [...burst.packages, ...burst.attributedPackages].sort((a, b) => b.ms - a.ms).map((row) => row.name),
    ),
  ].slice(0, TOP);
  const self = new Map(burst.packages.map((row) => [row.name, row.ms]));
  return [
    `## ${process.name}`,
    '',
    `Burst: ${ms(burst.cpuMs)} ms busy sampled (/proc CPU: ${ms(process.procBurstMs)} ms; unprofiled run ${ms(process.baselineBurstMs)} ms), ` +
      `${fixed(perOrder(burst.cpuMs))} CPU ms per order. Idle: ${ms(idle.cpuMs)} ms sampled ` +
      `(/proc: ${ms(process.procIdleMs)} ms) in ${idleSeconds.toFixed(1)} s.`,
    '',
    '### Self time by package (burst)',
    '',
    'Attributed: Node internals and V8 builtins charged to the package that called them.',
    '',
    '| package | self ms | self % | attributed ms | attributed % | attributed CPU ms/order |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...packageNames.map((name) => {
      const own = self.get(name) ?? 0;
      const charged = attributed.get(name) ?? 0;
      return `| ${code(name)} | ${ms(own)} | ${pct(own, burst.cpuMs)} | ${ms(charged)} | ${pct(charged, burst.cpuMs)} | ${fixed(perOrder(charged), 3)} |`;
    }),
    '',
    '### Conveyor functions by total time (burst)',
    '',
    '| function | self ms | self % | total ms | total % |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...burst.conveyorFunctions
      .slice(0, TOP)
      .map(
        (row) =>
          `| ${code(row.name)} | ${ms(row.selfMs)} | ${pct(row.selfMs, burst.cpuMs)} | ${ms(row.totalMs)} | ${pct(row.totalMs, burst.cpuMs)} |`,
      ),
    '',
    '### Conveyor functions by self time (burst)',
    '',
    '| function | self ms | self % |',
    '| --- | ---: | ---: |',
    ...[...burst.conveyorFunctions]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, 10)
      .map((row) => `| ${code(row.name)} | ${ms(row.selfMs)} | ${pct(row.selfMs, burst.cpuMs)} |`),
    '',
    '### All functions by self time (burst)',
    '',
    '| function | self ms | self % |',
    '| --- | ---: | ---: |',
    ...process.burstFunctions
      .slice(0, TOP)
      .map((row) => `| ${code(row.name)} | ${ms(row.ms)} | ${pct(row.ms, burst.cpuMs)} |`),
    '',
    '### Suspects (burst)',
    '',
    '| suspect | self ms | attributed ms | attributed % | CPU ms/order | inclusive ms | inclusive % | top Conveyor callers (attributed ms) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...burst.suspects.map(
      (row) =>
        `| ${row.name} | ${ms(row.selfMs)} | ${ms(row.attributedMs)} | ${pct(row.attributedMs, burst.cpuMs)} | ` +
        `${fixed(perOrder(row.attributedMs), 3)} | ${ms(row.inclusiveMs)} | ${pct(row.inclusiveMs, burst.cpuMs)} | ${callers(row.callers)} |`,
    ),
    '',
    `### Idle window (${idleSeconds.toFixed(1)} s)`,
    '',
    `${ms(idle.cpuMs)} ms sampled (${fixed(perSecond(idle.cpuMs))} CPU ms/s), of which under Node's timer dispatch (callback timers; loops awaiting timers/promises resume from microtasks and show below by function) ` +
      `${ms(idle.timersMs)} ms (${pct(idle.timersMs, idle.cpuMs)}), from: ${callers(idle.timerCallers) || '–'}.`,
    '',
    `Packages (attributed): ${inline(idle.attributedPackages, idle.cpuMs)}.`,
    '',
    `Conveyor functions (total): ${inline(
      idle.conveyorFunctions.map((row) => ({ name: row.name, ms: row.totalMs })),
      idle.cpuMs,
    )}.`,
    '',
  ];
}

/** CPU time (/proc) over sampled busy time; 1 when /proc had no figure. */
function scale(procMs: number | undefined, sampledMs: number): number {
  return procMs === undefined || sampledMs <= 0 ? 1 : procMs / sampledMs;
}

function callers(rows: readonly Row[]): string {
  return rows
    .slice(0, 3)
    .map((row) => `${code(row.name)} ${ms(row.ms)}`)
    .join(', ');
}

function inline(rows: readonly Row[], totalMs: number): string {
  return (
    rows
      .slice(0, 6)
      .map((row) => `${code(row.name)} ${ms(row.ms)} ms (${pct(row.ms, totalMs)})`)
      .join(', ') || '–'
  );
}

function code(text: string): string {
  return `\`${text.replaceAll('|', '\\|')}\``;
}

function ms(value: number | undefined): string {
  return value === undefined ? '–' : value.toFixed(0);
}

function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

function pct(part: number, whole: number): string {
  return whole <= 0 ? '–' : `${((part / whole) * 100).toFixed(1)} %`;
}
