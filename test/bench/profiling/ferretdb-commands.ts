// MongoDB commands the server answered, by name, from FerretDB's serverStatus counters (MongoDB's own
// serverStatus has no such table): the round trips of a window, to put the driver's CPU time per trip.
import type { Db } from 'mongodb';
import { z } from 'zod';

const statusSchema = z.object({
  metrics: z.object({ commands: z.record(z.string(), z.object({ total: z.number() })) }),
});

/** Undefined when the server keeps no per-command counters. */
export async function commandCounts(db: Db): Promise<Map<string, number> | undefined> {
  const status = statusSchema.safeParse(await db.command({ serverStatus: 1 }).catch(() => undefined));
  if (!status.success) return undefined;
  return new Map(Object.entries(status.data.metrics.commands).map(([name, { total }]) => [name, total]));
}

export function commandsBetween(
  before: ReadonlyMap<string, number> | undefined,
  after: ReadonlyMap<string, number> | undefined,
): Map<string, number> | undefined {
  if (before === undefined || after === undefined) return undefined;
  return new Map(
    [...after]
      .map(([name, total]) => [name, total - (before.get(name) ?? 0)] as const)
      .filter(([, count]) => count > 0)
      .sort((a, b) => b[1] - a[1]),
  );
}
