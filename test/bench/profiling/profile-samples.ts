// Reads a V8 CPU profile (`node --cpu-prof`) into its samples, each with its time, its weight and its
// stack, optionally only those within a time window (profile timestamps are microseconds of the same
// monotonic clock as process.hrtime, so a window measured by another process on the machine applies).
import { z } from 'zod';
import type { CallFrame } from './frame-labels.ts';

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
export type CpuProfile = z.infer<typeof profileSchema>;

export interface TimeWindow {
  /** Microseconds on the monotonic clock (process.hrtime.bigint() / 1000). */
  fromUs: number;
  toUs: number;
}

export interface Sample {
  atUs: number;
  /** The time this sample stands for: the delta to the next one (the last sample has none). */
  weightUs: number;
  /** Leaf first; without V8's (root). */
  stack: readonly CallFrame[];
}

export function parseProfile(raw: unknown): CpuProfile {
  return profileSchema.parse(raw);
}

export function profileSamples(profile: CpuProfile, window?: TimeWindow): Sample[] {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const stacks = new Map<number, CallFrame[]>();
  const stackOf = (nodeId: number): CallFrame[] => {
    const known = stacks.get(nodeId);
    if (known !== undefined) return known;
    const frame = frames.get(nodeId);
    const parent = parents.get(nodeId);
    // The root has no parent and is no function of its own.
    const stack = frame === undefined || parent === undefined ? [] : [frame, ...stackOf(parent)];
    stacks.set(nodeId, stack);
    return stack;
  };
  const samples: Sample[] = [];
  let atUs = profile.startTime;
  for (const [index, nodeId] of profile.samples.entries()) {
    atUs += profile.timeDeltas[index] ?? 0;
    if (window !== undefined && (atUs < window.fromUs || atUs >= window.toUs)) continue;
    const stack = stackOf(nodeId);
    if (stack.length === 0) continue;
    samples.push({ atUs, weightUs: profile.timeDeltas[index + 1] ?? 0, stack });
  }
  return samples;
}
