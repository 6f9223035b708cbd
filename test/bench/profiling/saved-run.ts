// A run's figures beside its profiles (run.json in the profile directory), so that
// `profile-pipeline.ts --from=<dir>` can summarise the same profiles again without a new burst.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { StackBurst } from './stack-burst.ts';

const windowSchema = z.object({ fromUs: z.number(), toUs: z.number() });
const msByName = z.record(z.string(), z.number());
const burstSchema = z.object({
  names: z.array(z.tuple([z.number(), z.string()])),
  outcome: z.object({ accepted: z.number(), completed: z.number() }),
  terminalSeconds: z.number(),
  burst: windowSchema,
  idle: windowSchema,
  procBurstMs: msByName,
  procIdleMs: msByName,
  commands: msByName.optional(),
});
const savedSchema = z.object({
  startedAt: z.string(),
  orders: z.number(),
  concurrency: z.number(),
  serverReport: z.array(z.string()),
  run: burstSchema,
  baseline: burstSchema.optional(),
});

export interface SavedRun {
  startedAt: Date;
  orders: number;
  concurrency: number;
  /** Where the servers were (resolveServers' report). */
  serverReport: readonly string[];
  run: StackBurst;
  baseline: StackBurst | undefined;
}

const fileOf = (dir: string) => join(dir, 'run.json');

export async function saveRun(dir: string, saved: SavedRun): Promise<void> {
  const plain = (burst: StackBurst) => ({
    ...burst,
    names: [...burst.names],
    procBurstMs: Object.fromEntries(burst.procBurstMs),
    procIdleMs: Object.fromEntries(burst.procIdleMs),
    commands: burst.commands === undefined ? undefined : Object.fromEntries(burst.commands),
  });
  await writeFile(
    fileOf(dir),
    JSON.stringify({
      ...saved,
      run: plain(saved.run),
      baseline: saved.baseline === undefined ? undefined : plain(saved.baseline),
    }),
  );
}

export async function loadRun(dir: string): Promise<SavedRun> {
  const saved = savedSchema.parse(JSON.parse(await readFile(fileOf(dir), 'utf8')));
  const burst = (plain: z.infer<typeof burstSchema>): StackBurst => ({
    ...plain,
    names: new Map(plain.names),
    procBurstMs: new Map(Object.entries(plain.procBurstMs)),
    procIdleMs: new Map(Object.entries(plain.procIdleMs)),
    commands: plain.commands === undefined ? undefined : new Map(Object.entries(plain.commands)),
  });
  return {
    ...saved,
    startedAt: new Date(saved.startedAt),
    run: burst(saved.run),
    baseline: saved.baseline === undefined ? undefined : burst(saved.baseline),
  };
}
