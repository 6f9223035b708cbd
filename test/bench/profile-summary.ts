// Summarises a V8 CPU profile (`node --cpu-prof`): the functions with the most self time, and self
// time per package (a workspace library, an npm package, Node internals), to find what a bench
// process spends its time on. Prints a table; asserts nothing.
// Usage: node test/bench/profile-summary.ts <file.cpuprofile> [top=25] [inclusive-of=libs/]
import { readFile } from 'node:fs/promises';
import { functionLabel, IDLE, packageOf } from './profiling/frame-labels.ts';
import { parseProfile, profileSamples, type TimeWindow } from './profiling/profile-samples.ts';

export interface SelfTime {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  functions: SelfTime[];
  packages: SelfTime[];
  /** Self plus callees, for the functions whose label contains the `inclusiveOf` text. */
  inclusive: SelfTime[];
}

export interface SummaryOptions {
  /** Only the samples taken within this window (e.g. a burst, or an idle spell after it). */
  window?: TimeWindow;
  /** Leave out V8's `(idle)` samples, so that totals and shares are CPU time. */
  excludeIdle?: boolean;
}

export function summarizeProfile(
  raw: unknown,
  inclusiveOf = 'libs/',
  options: SummaryOptions = {},
): ProfileSummary {
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  const byStack = new Map<string, number>();
  let totalUs = 0;
  for (const { stack, weightUs: us } of profileSamples(parseProfile(raw), options.window)) {
    const [leaf] = stack;
    if (leaf === undefined || (options.excludeIdle === true && leaf.functionName === IDLE)) continue;
    totalUs += us;
    add(byFunction, functionLabel(leaf), us);
    add(byPackage, packageOf(leaf), us);
    // Every matching function on the sample's stack, once even when it recurses.
    const onStack = new Set(stack.map(functionLabel).filter((label) => label.includes(inclusiveOf)));
    for (const label of onStack) add(byStack, label, us);
  }
  const ranked = (times: Map<string, number>) =>
    [...times]
      .map(([name, us]) => ({ name, ms: us / 1000, share: totalUs === 0 ? 0 : us / totalUs }))
      .sort((a, b) => b.ms - a.ms);
  return {
    totalMs: totalUs / 1000,
    functions: ranked(byFunction),
    packages: ranked(byPackage),
    inclusive: ranked(byStack),
  };
}

function add(times: Map<string, number>, key: string, us: number): void {
  times.set(key, (times.get(key) ?? 0) + us);
}

function table(rows: readonly SelfTime[], top: number): string {
  return rows
    .slice(0, top)
    .map(
      (row) =>
        `${row.ms.toFixed(0).padStart(8)} ms ${(row.share * 100).toFixed(1).padStart(5)} %  ${row.name}`,
    )
    .join('\n');
}

if (import.meta.main) {
  const [file, topText, inclusiveOf] = process.argv.slice(2);
  if (file === undefined) {
    process.stderr.write(
      'usage: node test/bench/profile-summary.ts <file.cpuprofile> [top=25] [inclusive-of=libs/]\n',
    );
    process.exit(2);
  }
  const top = Number(topText ?? 25);
  const summary = summarizeProfile(JSON.parse(await readFile(file, 'utf8')) as unknown, inclusiveOf);
  process.stdout.write(
    `${file}: ${summary.totalMs.toFixed(0)} ms sampled\n\nself time by package\n${table(summary.packages, 15)}\n\n` +
      `self time by function\n${table(summary.functions, top)}\n\n` +
      `total time (self + callees) of functions matching "${inclusiveOf ?? 'libs/'}"\n${table(summary.inclusive, top)}\n`,
  );
}
