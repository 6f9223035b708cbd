// Summarises a V8 CPU profile (`node --cpu-prof`): the functions with the most self time, and self
// time per package (a workspace library, an npm package, Node internals), to find what a bench
// process spends its time on. Prints a table; asserts nothing.
// Usage: node test/bench/profile-summary.ts <file.cpuprofile> [top=25] [inclusive-of=libs/]
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const callFrameSchema = z.object({
  functionName: z.string(),
  url: z.string(),
  lineNumber: z.number(),
});
const profileSchema = z.object({
  nodes: z.array(
    z.object({ id: z.number(), callFrame: callFrameSchema, children: z.array(z.number()).optional() }),
  ),
  startTime: z.number(),
  endTime: z.number(),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});
type CallFrame = z.infer<typeof callFrameSchema>;

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

export function summarizeProfile(raw: unknown, inclusiveOf = 'libs/'): ProfileSummary {
  const profile = profileSchema.parse(raw);
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  const byStack = new Map<string, number>();
  let totalUs = 0;
  for (const [index, nodeId] of profile.samples.entries()) {
    // Each sample's time is the delta to the next one; the last sample has none.
    const us = profile.timeDeltas[index + 1] ?? 0;
    const frame = frames.get(nodeId);
    if (frame === undefined) continue;
    totalUs += us;
    add(byFunction, functionLabel(frame), us);
    add(byPackage, packageOf(frame), us);
    // Every matching function on the sample's stack, once even when it recurses.
    const onStack = new Set<string>();
    for (let id: number | undefined = nodeId; id !== undefined; id = parents.get(id)) {
      const label = functionLabel(frames.get(id) ?? { functionName: '', url: '', lineNumber: 0 });
      if (label.includes(inclusiveOf)) onStack.add(label);
    }
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

function functionLabel(frame: CallFrame): string {
  const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
  if (frame.url === '') return name;
  return `${name} ${shortPath(frame.url)}:${frame.lineNumber + 1}`;
}

function shortPath(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) return path.slice(modules + '/node_modules/'.length);
  const workspace = /\/(libs|services|test)\/.*$/.exec(path);
  return workspace?.[0].slice(1) ?? path;
}

/** `(garbage collector)`, `node:internal`, an npm package, or a workspace directory. */
function packageOf(frame: CallFrame): string {
  if (frame.url === '') return frame.functionName === '' ? '(native)' : frame.functionName;
  if (frame.url.startsWith('node:')) return 'node internals';
  const path = shortPath(frame.url);
  if (path.startsWith('libs/') || path.startsWith('services/') || path.startsWith('test/')) {
    return path.split('/').slice(0, 2).join('/');
  }
  const [scope, name] = path.split('/');
  return scope?.startsWith('@') === true ? `${scope}/${name ?? ''}` : (scope ?? path);
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
